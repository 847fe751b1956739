package dev.breakout.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One server under test as a child process, with what /proc says about it. */
final class ServerProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  /** Clock ticks per second of /proc/<pid>/stat; 100 on every Linux we run on (getconf CLK_TCK). */
  static final long CLK_TCK = 100;

  final String name;
  final int port;
  final Process process;
  final Path log;
  final List<String> command;

  private ServerProcess(String name, int port, Process process, Path log, List<String> command) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
    this.command = command;
  }

  static ServerProcess start(String name, List<String> command, Map<String, String> env, int port, Path log,
      Path dir) throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(env);
    return new ServerProcess(name, port, pb.start(), log, command);
  }

  /** Waits for GET /health to answer 200. */
  void awaitHealthy(Duration timeout) {
    await(timeout, true);
  }

  /** Waits for GET /health to answer at all (a cluster node without its majority answers 503). */
  void awaitAnswering(Duration timeout) {
    await(timeout, false);
  }

  private void await(Duration timeout, boolean healthy) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; log "
            + log + ":\n" + tail(40));
      }
      try {
        int status = HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200 || !healthy) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(100);
    }
    throw new IllegalStateException(name + " was not healthy within " + timeout.toSeconds() + " s; log " + log
        + ":\n" + tail(40));
  }

  long pid() {
    return process.pid();
  }

  /** User plus system CPU of the process (all its threads), in nanoseconds; -1 if unreadable. */
  long cpuNanos() {
    return cpuNanos(pid());
  }

  static long cpuNanos(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
      return ticks * (1_000_000_000L / CLK_TCK);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU nanoseconds per thread name (digits folded, so "GC Thread#0" and "#1" add up), from
   * /proc/<pid>/task/<tid>/{comm,stat}.
   */
  Map<String, Long> threadCpuNanos() {
    Map<String, Long> byName = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid() + "/task"))) {
      for (Path t : tasks.toList()) {
        try {
          String name = Files.readString(t.resolve("comm")).trim().replaceAll("[0-9]+", "N");
          String stat = Files.readString(t.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          byName.merge(name, ticks * (1_000_000_000L / CLK_TCK), Long::sum);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return byName;
  }

  /** Resident set size in KiB (VmRSS); -1 if unreadable. */
  long rssKiB() {
    return status(pid(), "VmRSS:");
  }

  static long status(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /**
   * Busy and total jiffies of the given CPUs (a taskset list like "0" or "0,2-3") from /proc/stat,
   * whoever used them: {busy, total}; null if unreadable.
   */
  static long[] cpuJiffies(String cpus) {
    java.util.Set<Integer> wanted = new java.util.HashSet<>();
    for (String part : cpus.split(",")) {
      String[] range = part.trim().split("-");
      int a = Integer.parseInt(range[0]);
      int b = range.length > 1 ? Integer.parseInt(range[1]) : a;
      for (int c = a; c <= b; c++) {
        wanted.add(c);
      }
    }
    try {
      long busy = 0;
      long total = 0;
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
          continue;
        }
        String[] f = line.trim().split("\\s+");
        if (!wanted.contains(Integer.parseInt(f[0].substring(3)))) {
          continue;
        }
        // user nice system idle iowait irq softirq steal
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        long all = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
          all += Long.parseLong(f[i]);
        }
        busy += all - idle;
        total += all;
      }
      return new long[] {busy, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Runs a command and returns its output (for jcmd); empty on failure. */
  static String run(List<String> command, int timeoutSeconds) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  static List<String> pinned(boolean pin, String cpus, List<String> command) {
    List<String> full = new ArrayList<>();
    if (pin) {
      full.addAll(List.of("taskset", "-c", cpus));
    }
    full.addAll(command);
    return full;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
