package dev.breakout.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of the tests' own: initdb in a temporary directory (as the
 * {@code postgres} user when the tests run as root, since PostgreSQL refuses root), listening on
 * 127.0.0.1 at a free port, removed afterwards. bin/test installs Debian's postgresql when missing.
 */
public final class Postgres implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Path bin;

  private Postgres(Path dir, int port, Path bin) {
    this.dir = dir;
    this.port = port;
    this.bin = bin;
  }

  public static Postgres start() throws Exception {
    return start(null, null);
  }

  /**
   * As {@link #start()}, also listening on {@code address} and trusting clients from {@code clients}
   * (a CIDR block): for servers in network namespaces a test made, which cannot reach 127.0.0.1.
   */
  public static Postgres start(String address, String clients) throws Exception {
    Path bin = findBin();
    Path dir = Files.createTempDirectory("pg-test");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      run(List.of("chown", "-R", "postgres", dir.toString()), false);
    }
    int port = ServerProcess.freePort();
    Path data = dir.resolve("data");
    run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
        "-E", "UTF8", "--locale=C.UTF-8"), root);
    String listen = "127.0.0.1";
    if (address != null) {
      listen += "," + address;
      Files.writeString(data.resolve("pg_hba.conf"), "host all all " + clients + " trust\n",
          java.nio.file.StandardOpenOption.APPEND);
    }
    Postgres pg = new Postgres(dir, port, bin);
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l",
        dir.resolve("log").toString(), "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=" + listen + " -c fsync=on -c max_connections=50",
        "start"), root);
    pg.createDatabase("workshop");
    return pg;
  }

  private static Path findBin() throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder())
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries; run bin/test to install"));
    }
  }

  private void createDatabase(String name) throws Exception {
    run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres",
        "-c", "CREATE DATABASE " + name), false);
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/workshop";
  }

  /** The URL for clients that reach it on the extra address given to {@link #start(String, String)}. */
  public String urlOn(String address) {
    return "jdbc:postgresql://" + address + ":" + port + "/workshop";
  }

  public String user() {
    return "postgres";
  }

  private static void run(List<String> command, boolean asPostgres) throws Exception {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("command failed: " + full + "\n" + out);
    }
  }

  /** Stops the server at once (connections cut, as in a crash) and starts it again on the same port. */
  public void restart() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path data = dir.resolve("data");
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"), root);
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l",
        dir.resolve("log").toString(), "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=50",
        "start"), root);
  }

  @Override
  public void close() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w",
          "stop"), root);
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
