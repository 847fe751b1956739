package dev.breakout.server.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A small network of the test's own: one Linux network namespace per host, each with a veth pair to
 * a bridge in this (the test's) namespace, on a private /24 that exists only on this machine. The
 * test reaches every host, and so does anything listening on the bridge's address (PostgreSQL);
 * {@link #isolate} cuts one host off from the other hosts only (blackhole routes on both sides),
 * and {@link #heal} joins it again. Needs root (CAP_NET_ADMIN) and iproute2.
 *
 * <p>Everything is named after this JVM's pid ({@code wsp-PID-...}), so that {@link #close} removes
 * exactly what it made, and a later run removes what a killed run left behind (namespaces whose
 * pid is gone, the processes still in them, and their bridge).
 */
public final class NetNamespaces implements AutoCloseable {
  private static final String PREFIX = "wsp-";

  private final String tag;
  private final String subnet;
  private final List<String> namespaces = new ArrayList<>();
  private final List<String> isolated = new ArrayList<>();
  private boolean bridgeMade;
  private Thread hook;

  private NetNamespaces(String tag, String subnet) {
    this.tag = tag;
    this.subnet = subnet;
  }

  /**
   * Why this machine cannot run the namespace tests, or null when it can: it makes and removes a
   * namespace to find out.
   */
  public static String unavailableReason() {
    String probe = PREFIX + ProcessHandle.current().pid() + "-probe";
    try {
      run("ip", "netns", "add", probe);
      run("ip", "-n", probe, "link", "set", "lo", "up");
      run("ip", "netns", "del", probe);
      return null;
    } catch (Exception e) {
      return "`ip netns` does not work here (user " + System.getProperty("user.name") + "): " + e.getMessage();
    }
  }

  /** Makes {@code hosts} namespaces on a bridge; on failure removes what it made. */
  public static NetNamespaces create(int hosts) throws Exception {
    sweepLeftovers();
    String tag = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    NetNamespaces net = new NetNamespaces(tag, freeSubnet());
    // Also when the test JVM is stopped (a CI timeout): the processes in them die with them.
    Thread hook = new Thread(net::close, "remove-network-namespaces");
    Runtime.getRuntime().addShutdownHook(hook);
    net.hook = hook;
    try {
      net.build(hosts);
    } catch (Exception | Error e) {
      net.close();
      throw e;
    }
    return net;
  }

  private void build(int hosts) throws Exception {
    String bridge = bridge();
    run("ip", "link", "add", bridge, "type", "bridge");
    bridgeMade = true;
    run("ip", "addr", "add", bridgeAddress() + "/24", "dev", bridge);
    run("ip", "link", "set", bridge, "up");
    for (int i = 0; i < hosts; i++) {
      String ns = PREFIX + ProcessHandle.current().pid() + "-" + tag + "-" + i;
      run("ip", "netns", "add", ns);
      namespaces.add(ns);
      String outside = "wsp" + tag + "h" + i;
      String inside = "wsp" + tag + "n" + i;
      run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
      run("ip", "link", "set", inside, "netns", ns);
      run("ip", "link", "set", outside, "master", bridge, "up");
      run("ip", "-n", ns, "addr", "add", address(i) + "/24", "dev", inside);
      run("ip", "-n", ns, "link", "set", inside, "up");
      run("ip", "-n", ns, "link", "set", "lo", "up");
    }
  }

  private String bridge() {
    return "wsp" + tag + "br";
  }

  /** The address of this (the test's) side: the bridge. */
  public String bridgeAddress() {
    return subnet + ".1";
  }

  /** The subnet in CIDR notation. */
  public String cidr() {
    return subnet + ".0/24";
  }

  /** Host {@code i}'s address, inside its namespace. */
  public String address(int i) {
    return subnet + "." + (10 + i);
  }

  /** The command prefix that runs a program in host {@code i}'s namespace. */
  public List<String> launcher(int i) {
    return List.of("ip", "netns", "exec", namespaces.get(i));
  }

  /**
   * Cuts host {@code i} off from every other host, both ways; the test's namespace (clients, the
   * database) still reaches it. Packets are dropped where they start (a blackhole route), as a
   * failed switch port would.
   */
  public void isolate(int i) throws Exception {
    for (int j = 0; j < namespaces.size(); j++) {
      if (j != i) {
        run("ip", "-n", namespaces.get(i), "route", "add", "blackhole", address(j) + "/32");
        isolated.add(i + ">" + j);
        run("ip", "-n", namespaces.get(j), "route", "add", "blackhole", address(i) + "/32");
        isolated.add(j + ">" + i);
      }
    }
  }

  /** Undoes {@link #isolate}. */
  public void heal() throws Exception {
    for (String cut : List.copyOf(isolated)) {
      int from = Integer.parseInt(cut.substring(0, cut.indexOf('>')));
      int to = Integer.parseInt(cut.substring(cut.indexOf('>') + 1));
      run("ip", "-n", namespaces.get(from), "route", "del", "blackhole", address(to) + "/32");
      isolated.remove(cut);
    }
  }

  /** Kills whatever still runs in the namespaces, then removes them and the bridge. */
  @Override
  public synchronized void close() {
    if (hook != null && Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutting down already: the hook runs this too.
      }
    }
    for (String ns : namespaces) {
      removeNamespace(ns);
    }
    namespaces.clear();
    if (bridgeMade) {
      quietly("ip", "link", "del", bridge());
      bridgeMade = false;
    }
  }

  private static void removeNamespace(String ns) {
    try {
      for (String pid : run("ip", "netns", "pids", ns).split("\\s+")) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    } catch (Exception e) {
      // Gone already, or nothing runs there.
    }
    quietly("ip", "netns", "del", ns);
  }

  /** Removes namespaces (and their bridges) that a run which no longer exists left behind. */
  private static void sweepLeftovers() throws Exception {
    for (String line : run("ip", "netns", "list").split("\n")) {
      String ns = line.trim().split("\\s+")[0];
      String[] parts = ns.split("-");
      if (!ns.startsWith(PREFIX) || parts.length != 4) {
        continue;
      }
      long pid;
      try {
        pid = Long.parseLong(parts[1]);
      } catch (NumberFormatException e) {
        continue;
      }
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        continue;
      }
      System.out.println("removing network namespace " + ns + " left by an earlier run (pid " + pid + ")");
      removeNamespace(ns);
      quietly("ip", "link", "del", "wsp" + parts[2] + "br");
    }
  }

  /** A 10.213.x.0/24 that no interface here uses yet. */
  private static String freeSubnet() throws Exception {
    String used = run("ip", "-4", "-o", "addr");
    for (int tries = 0; tries < 64; tries++) {
      String candidate = "10.213." + ThreadLocalRandom.current().nextInt(1, 255);
      if (!used.contains(" " + candidate + ".")) {
        return candidate;
      }
    }
    throw new IllegalStateException("no free 10.213.x.0/24 subnet");
  }

  private static void quietly(String... command) {
    try {
      run(command);
    } catch (Exception e) {
      // Cleaning up: what is already gone is fine.
    }
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out.trim());
    }
    return out;
  }
}
