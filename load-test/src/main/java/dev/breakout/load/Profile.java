package dev.breakout.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code --profile}: a JFR recording of a Java server for exactly the measured window (started
 * with jcmd), and a text summary of it: CPU samples by thread, hottest methods (self and
 * inclusive), and allocation by allocating method.
 */
final class Profile {
  private Profile() {}

  static void start(Options o, long pid, int seconds, Path file) {
    String out = ServerProcess.run(List.of(MemoryRun.jcmd(o), String.valueOf(pid), "JFR.start", "name=loadtest",
        "settings=profile", "duration=" + seconds + "s", "filename=" + file), 30);
    if (!out.contains("Started recording")) {
      System.err.println("could not start JFR in " + pid + ": " + out.trim());
    }
  }

  /** Writes {@code file}.txt next to the recording and returns its path. */
  static Path summarize(Path jfr) throws IOException {
    Map<String, Long> threads = new HashMap<>();
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> inclusive = new HashMap<>();
    Map<String, Long> nativeSelf = new HashMap<>();
    Map<String, Long> allocBySite = new HashMap<>();
    Map<String, Long> allocByClass = new HashMap<>();
    long samples = 0;
    long nativeSamples = 0;
    long allocTotal = 0;
    Map<String, long[]> threadAlloc = new HashMap<>(); // first, last allocated bytes
    java.time.Instant first = null;
    java.time.Instant last = null;
    for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
      String type = e.getEventType().getName();
      switch (type) {
        case "jdk.ExecutionSample" -> {
          samples++;
          threads.merge(threadName(e, "sampledThread"), 1L, Long::sum);
          addStack(e.getStackTrace(), self, inclusive);
        }
        case "jdk.NativeMethodSample" -> {
          nativeSamples++;
          RecordedStackTrace st = e.getStackTrace();
          if (st != null && !st.getFrames().isEmpty()) {
            nativeSelf.merge(threadName(e, "sampledThread").replaceAll("\\d+", "N") + " in "
                + frame(st.getFrames().get(0)), 1L, Long::sum);
          }
        }
        case "jdk.ObjectAllocationSample" -> {
          long w = e.getLong("weight");
          allocTotal += w;
          allocByClass.merge(e.getClass("objectClass").getName(), w, Long::sum);
          RecordedStackTrace st = e.getStackTrace();
          if (st != null) {
            allocBySite.merge(firstOwnFrame(st), w, Long::sum);
          }
        }
        case "jdk.ThreadAllocationStatistics" -> {
          String name = threadName(e, "thread");
          long bytes = e.getLong("allocated");
          long[] fl = threadAlloc.computeIfAbsent(name, k -> new long[] {bytes, bytes});
          fl[0] = Math.min(fl[0], bytes);
          fl[1] = Math.max(fl[1], bytes);
          first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
          last = last == null || e.getStartTime().isAfter(last) ? e.getStartTime() : last;
        }
        default -> {
        }
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("JFR summary of ").append(jfr.getFileName()).append('\n');
    b.append("\nCPU samples (Java code) by thread: ").append(samples).append('\n');
    top(b, threads, samples, 10);
    b.append("\nHottest methods, self:\n");
    top(b, self, samples, 30);
    b.append("\nHottest methods, inclusive (dev.breakout, io.vertx, io.netty, org.h2, com.fasterxml):\n");
    top(b, inclusive.entrySet().stream().filter(en -> en.getKey().matches(
        "^(dev\\.breakout|io\\.vertx|io\\.netty|org\\.h2|com\\.fasterxml).*"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), samples, 45);
    b.append("\nNative (blocked or in system calls) samples: ").append(nativeSamples).append('\n');
    top(b, nativeSelf, nativeSamples, 10);
    if (first != null && last != null && last.isAfter(first)) {
      double secs = java.time.Duration.between(first, last).toMillis() / 1000.0;
      b.append(String.format("%nAllocated bytes per thread (exact, jdk.ThreadAllocationStatistics over %.0f s):%n",
          secs));
      threadAlloc.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[1] - y.getValue()[0],
          x.getValue()[1] - x.getValue()[0])).limit(6).forEach(en -> b.append(String.format("  %8.1f MiB/s  %s%n",
          (en.getValue()[1] - en.getValue()[0]) / 1048576.0 / secs, en.getKey())));
    }
    b.append(String.format("%nAllocation (sampled weight; TLAB sampling, so per-site shares are rough): %.1f MiB%n",
        allocTotal / 1048576.0));
    b.append("by class:\n");
    top(b, allocByClass, allocTotal, 15);
    b.append("by the first dev.breakout frame on the stack (else the allocating method):\n");
    top(b, allocBySite, allocTotal, 25);
    Path txt = jfr.resolveSibling(jfr.getFileName() + ".txt");
    Files.writeString(txt, b);
    return txt;
  }

  private static String threadName(RecordedEvent e, String field) {
    var t = e.getThread(field);
    return t == null ? "?" : String.valueOf(t.getJavaName());
  }

  private static void addStack(RecordedStackTrace st, Map<String, Long> self, Map<String, Long> inclusive) {
    if (st == null || st.getFrames().isEmpty()) {
      return;
    }
    self.merge(frame(st.getFrames().get(0)), 1L, Long::sum);
    Set<String> seen = new HashSet<>();
    for (RecordedFrame f : st.getFrames()) {
      String m = frame(f);
      if (seen.add(m)) {
        inclusive.merge(m, 1L, Long::sum);
      }
    }
  }

  private static String firstOwnFrame(RecordedStackTrace st) {
    for (RecordedFrame f : st.getFrames()) {
      if (f.getMethod() != null && f.getMethod().getType().getName().startsWith("dev.breakout")) {
        return frame(f);
      }
    }
    return st.getFrames().isEmpty() ? "?" : frame(st.getFrames().get(0));
  }

  private static String frame(RecordedFrame f) {
    return f.getMethod() == null ? "?" : f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void top(StringBuilder b, Map<String, Long> counts, long total, int n) {
    Map<String, Long> sorted = counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, c) -> a, LinkedHashMap::new));
    sorted.forEach((k, v) -> b.append(String.format("  %5.1f%%  %s%n", total == 0 ? 0 : 100.0 * v / total, k)));
  }
}
