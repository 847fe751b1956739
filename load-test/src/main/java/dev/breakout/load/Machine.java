package dev.breakout.load;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the report says about the machine, including how busy it was (others may share it). */
final class Machine {
  private Machine() {}

  static JsonObject describe() {
    JsonObject m = new JsonObject();
    m.put("cpus", Runtime.getRuntime().availableProcessors() + " usable by the generator, "
        + ServerProcess.run(List.of("nproc", "--all"), 5).trim() + " in all");
    m.put("cpuModel", cpuModel());
    m.put("memory", memTotal());
    m.put("kernel", ServerProcess.run(List.of("uname", "-sr"), 5).trim());
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("node", Options.onPath("node") ? ServerProcess.run(List.of("node", "--version"), 5).trim() : "none");
    m.put("loadAverageAtStart", loadAverage());
    return m;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "?";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
    } catch (Exception e) {
      return "?";
    }
  }

  private static String memTotal() {
    long kib = ServerProcess.status(ProcessHandle.current().pid(), "VmRSS:") >= 0 ? meminfo() : -1;
    return kib < 0 ? "?" : String.format("%.1f GiB", kib / 1024.0 / 1024.0);
  }

  private static long meminfo() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
    } catch (Exception e) {
      return -1;
    }
  }
}
