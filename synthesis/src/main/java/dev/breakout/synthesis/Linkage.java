package dev.breakout.synthesis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Average-linkage agglomerative clustering cut at a similarity threshold, by the nearest-neighbour chain: O(n²) time
 * and memory, so 1,000 cards take a few milliseconds. Average linkage is reducible, so a cluster whose nearest
 * neighbour is below the threshold can never reach it by later merges and is final.
 */
final class Linkage {

  private Linkage() {}

  /**
   * @param similarity symmetric, n × n; it is overwritten
   * @return the clusters as lists of item indices, each sorted, in order of their first item
   */
  static List<List<Integer>> cluster(double[][] similarity, double threshold) {
    int n = similarity.length;
    int[] size = new int[n];
    boolean[] active = new boolean[n];
    List<List<Integer>> members = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      size[i] = 1;
      active[i] = true;
      List<Integer> m = new ArrayList<>();
      m.add(i);
      members.add(m);
    }
    boolean[] done = new boolean[n];
    Deque<Integer> chain = new ArrayDeque<>();
    int remaining = n;
    int next = 0;
    while (remaining > 0) {
      if (chain.isEmpty()) {
        while (!active[next] || done[next]) {
          next++;
        }
        chain.push(next);
      }
      int a = chain.peek();
      int b = -1;
      double best = Double.NEGATIVE_INFINITY;
      Integer previous = chain.size() > 1 ? secondOf(chain) : null;
      for (int j = 0; j < n; j++) {
        if (j == a || !active[j] || done[j]) {
          continue;
        }
        double s = similarity[a][j];
        // Prefer the previous element of the chain on ties, so the chain cannot cycle.
        if (s > best || (s == best && previous != null && j == previous)) {
          best = s;
          b = j;
        }
      }
      if (b < 0 || best < threshold) {
        // Final; the rest of the chain stays valid (its similarities still increase towards the top).
        done[a] = true;
        remaining--;
        chain.pop();
        continue;
      }
      if (previous != null && b == previous) {
        chain.pop();
        chain.pop();
        int keep = Math.min(a, b);
        int drop = Math.max(a, b);
        for (int k = 0; k < n; k++) {
          if (active[k] && k != keep && k != drop) {
            double merged = (size[keep] * similarity[keep][k] + size[drop] * similarity[drop][k])
                / (size[keep] + size[drop]);
            similarity[keep][k] = merged;
            similarity[k][keep] = merged;
          }
        }
        size[keep] += size[drop];
        members.get(keep).addAll(members.get(drop));
        active[drop] = false;
        remaining--;
      } else {
        chain.push(b);
      }
    }
    List<List<Integer>> clusters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (active[i]) {
        List<Integer> m = members.get(i);
        m.sort(null);
        clusters.add(m);
      }
    }
    clusters.sort((x, y) -> Integer.compare(x.get(0), y.get(0)));
    return clusters;
  }

  private static int secondOf(Deque<Integer> chain) {
    var it = chain.iterator();
    it.next();
    return it.next();
  }
}
