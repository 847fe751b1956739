package dev.breakout.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the cluster mode, from the machine's binaries, on loopback,
 * with its default durability (fsync, synchronous_commit on). As root it runs as the postgres user.
 */
final class Postgres implements AutoCloseable {
  static final String USER = "bench";
  final Path bin;
  final Path dir;
  final int port;
  private final boolean asPostgresUser;

  private Postgres(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  static Path findBin(String configured) {
    if (configured != null) {
      return Path.of(configured);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
            .max(Comparator.comparing(Path::toString)).orElse(null);
      } catch (IOException e) {
        return null;
      }
    }
    return null;
  }

  static Postgres start(String configuredBin) throws IOException {
    Path bin = findBin(configuredBin);
    if (bin == null) {
      throw new IllegalStateException("no PostgreSQL binaries (initdb) found; pass --pg-bin or --db-url");
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("load-test-pg");
    int port = ServerProcess.freePort();
    Postgres pg = new Postgres(bin, dir, port, root);
    if (root) {
      ServerProcess.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), 30);
    }
    pg.exec(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER, "-A", "trust",
        "-E", "UTF8", "--no-locale"), 120);
    pg.exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
        dir.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=100", "start"), 90);
    return pg;
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  void createDatabase(String name) {
    exec(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, "-d",
        "postgres", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE " + name), 60);
  }

  private String exec(List<String> command, int timeoutSeconds) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", full) + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", full) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      exec(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
          "stop"), 60);
    } catch (RuntimeException e) {
      System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
    }
    ServerProcess.run(List.of("rm", "-rf", dir.toString()), 60);
  }
}
