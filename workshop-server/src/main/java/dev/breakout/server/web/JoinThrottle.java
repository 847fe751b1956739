package dev.breakout.server.web;

import dev.breakout.server.live.RateLimiter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slows guessing of join codes per client network (an IPv4 address, or an IPv6 /64, which one
 * household or attacker holds whole) while a whole class behind one school address joins freely.
 * The arithmetic is in docs/decisions/008-join-throttle.md.
 *
 * <p>Only a <em>far miss</em> costs: a wrong six-digit code that is not one typing slip (one digit
 * changed, or two neighbours swapped) away from a code this network joined within
 * {@link #WINDOW_MS}. When a join succeeds, the misses of the last {@link #WINDOW_MS} that were
 * one slip from its code are given back, so the typos the class made before the first student got
 * in cost nothing either. A code that is not six digits cannot match any workshop and costs
 * nothing. None of this tells a guesser anything: what is forgiven is forgiven only around a code
 * the same network already knows.
 *
 * <p>A network with no tokens left is refused for every code, the right one included: answering
 * the right code while refusing wrong ones would tell a guesser which is right. Synchronized: joins
 * arrive on every event loop of the node (docs/decisions/002); time is passed in.
 */
final class JoinThrottle {
  /** Far misses a network may make at once. */
  static final int BURST = 10;
  /** Then one more every two hours. */
  static final long REFILL_MS = 2 * 3600 * 1000L;
  /** How long a joined code forgives slips around it, and how long a miss can still be forgiven. */
  static final long WINDOW_MS = 15 * 60 * 1000L;
  private static final int MAX_NETWORKS = 10_000;
  private static final int MAX_REMEMBERED = 64;

  private final Map<String, Network> networks = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Network> eldest) {
      return size() > MAX_NETWORKS;
    }
  };

  private static final class Network {
    final RateLimiter bucket;
    /** Far misses still open to forgiveness: code and time. */
    final List<Stamp> misses = new ArrayList<>();
    /** Codes joined from here: code and time. */
    final List<Stamp> joined = new ArrayList<>();

    Network(long now) {
      bucket = new RateLimiter(1000.0 / REFILL_MS, BURST, now);
    }

    void forget(long now) {
      misses.removeIf(s -> now - s.at > WINDOW_MS);
      joined.removeIf(s -> now - s.at > WINDOW_MS);
    }
  }

  private record Stamp(String code, long at) {}

  /** Whether a request from this address may try a code now (asking costs nothing). */
  synchronized boolean allowed(String address, long now) {
    Network n = networks.get(network(address));
    if (n == null) {
      return true;
    }
    if (n.bucket.tryTake(now)) {
      n.bucket.giveBack();
      return true;
    }
    return false;
  }

  /** A wrong code: costs a token unless it cannot be a guess or is a slip near a joined code. */
  synchronized void miss(String address, String code, long now) {
    if (!sixDigits(code)) {
      return;
    }
    Network n = networks.computeIfAbsent(network(address), a -> new Network(now));
    n.forget(now);
    if (n.joined.stream().anyMatch(j -> oneSlip(j.code, code))) {
      return;
    }
    n.bucket.tryTake(now);
    if (n.misses.size() < MAX_REMEMBERED) {
      n.misses.add(new Stamp(code, now));
    }
  }

  /** A right code: remembered, and the recent slips around it are given back. */
  synchronized void joined(String address, String code, long now) {
    Network n = networks.computeIfAbsent(network(address), a -> new Network(now));
    n.forget(now);
    n.joined.removeIf(j -> j.code.equals(code));
    if (n.joined.size() < MAX_REMEMBERED) {
      n.joined.add(new Stamp(code, now));
    }
    for (Iterator<Stamp> it = n.misses.iterator(); it.hasNext(); ) {
      if (oneSlip(code, it.next().code)) {
        it.remove();
        n.bucket.giveBack();
      }
    }
  }

  synchronized long retryAfterSeconds(String address, long now) {
    Network n = networks.get(network(address));
    return n == null ? 0 : Math.max(1, (n.bucket.retryAfterMs() + 999) / 1000);
  }

  static boolean sixDigits(String code) {
    return code != null && code.length() == 6 && code.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** One digit changed, or two neighbouring digits swapped. */
  static boolean oneSlip(String right, String typed) {
    if (right.length() != typed.length() || right.equals(typed)) {
      return false;
    }
    int first = -1;
    int differences = 0;
    for (int i = 0; i < right.length(); i++) {
      if (right.charAt(i) != typed.charAt(i)) {
        differences++;
        if (first < 0) {
          first = i;
        }
      }
    }
    if (differences == 1) {
      return true;
    }
    return differences == 2 && first + 1 < right.length() && right.charAt(first) == typed.charAt(first + 1)
        && right.charAt(first + 1) == typed.charAt(first);
  }

  /** The unit one client holds: an IPv4 address, or the /64 of an IPv6 address. */
  static String network(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return address == null ? "unknown" : address;
    }
    try {
      byte[] bytes = java.net.InetAddress.getByName(address.startsWith("[") ? address.substring(1,
          address.length() - 1) : address).getAddress();
      if (bytes.length != 16) {
        return address;
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        prefix.append(String.format("%02x", bytes[i]));
      }
      return prefix.append("::/64").toString();
    } catch (java.net.UnknownHostException e) {
      return address;
    }
  }
}
