package dev.breakout.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server under test: how to start it (pinned) and how to seat the layout's students and
 * dashboards on it. Our server needs its HTTP API (login, workshops, joins) and an instructor's
 * {@code exercise.start}; the two comparison servers take the seat in the hello.
 */
abstract class Contender {
  final String name;
  final Options options;

  Contender(String name, Options options) {
    this.name = name;
    this.options = options;
  }

  static Contender of(String name, Options o) {
    return switch (name) {
      case "ours" -> new Ours(o);
      case "synthesis" -> new Ours("synthesis", o);
      case "baseline" -> new Baseline(o);
      case "node" -> new Node(o);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** A human description for the report. */
  abstract String describe();

  boolean socketIo() {
    return false;
  }

  String wsPath() {
    return "/ws";
  }

  /** Starts one node (the only kind the comparison servers have); the caller awaits its health. */
  abstract ServerProcess start(Path dir, String label, int nodeIndex, Map<String, String> extraEnv, boolean pin)
      throws IOException;

  /**
   * Seats the layout: fills every peer's hello and every student's group key, and returns the
   * connections that must do something before the students start (ours: exercise.start).
   */
  abstract Seating seat(List<ServerProcess> nodes, Layout layout, List<Peer> students, List<Peer> dashboards);

  record Seating(List<Peer> controls, Map<Peer, JsonObject> controlOps) {
    static Seating none() {
      return new Seating(List.of(), Map.of());
    }
  }

  /** Which build was measured: the jar's SHA-256 prefix and modification time. */
  static String fileId(Path file) {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      String hex = java.util.HexFormat.of().formatHex(md.digest());
      return "sha256 " + hex.substring(0, 12) + ", built " + Files.getLastModifiedTime(file).toInstant()
          .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  List<String> java() {
    List<String> cmd = new ArrayList<>();
    cmd.add(options.serverJava.toString());
    if (!options.serverJvmOpts.isBlank()) {
      cmd.addAll(List.of(options.serverJvmOpts.trim().split("\\s+")));
    }
    return cmd;
  }

  // ------------------------------------------------------------------ ours

  static final class Ours extends Contender {
    static final String PASSWORD = "load-test-password";
    /** Shared by cluster nodes (a cluster refuses to start without one); 48 bytes. */
    static final String JWT_SECRET = "load-test-jwt-secret-0123456789abcdef0123456789ab";

    Ours(Options o) {
      super("ours", o);
    }

    /**
     * {@code synthesis}: the same server, every dashboard showing the class synthesis, as the
     * dashboard page does: it fetches {@code GET /api/workshops/{id}/synthesis} at each
     * {@code synthesis.changed}, one request at a time (docs/protocol.md 4.3).
     */
    Ours(String name, Options o) {
      super(name, o);
    }

    boolean showsSynthesis() {
      return name.equals("synthesis");
    }

    @Override
    String describe() {
      String view = showsSynthesis() ? ", every dashboard showing the class synthesis" : "";
      if (options.oursClasspath != null) {
        return "our server (from its classes), durable acks (H2)" + view;
      }
      return "our server (" + options.oursJar + ", " + fileId(options.oursJar) + "), durable acks (H2)" + view;
    }

    @Override
    ServerProcess start(Path dir, String label, int nodeIndex, Map<String, String> extraEnv, boolean pin)
        throws IOException {
      Path data = dir.resolve(label + "-data" + (nodeIndex == 0 ? "" : "-" + nodeIndex));
      Files.createDirectories(data);
      List<String> cmd = java();
      if (options.oursClasspath != null) {
        cmd.addAll(List.of("-cp", options.oursClasspath, "dev.breakout.server.Main"));
      } else {
        if (!Files.isRegularFile(options.oursJar)) {
          throw new IllegalStateException(options.oursJar + " is missing: build it with mvn -DskipTests package");
        }
        cmd.addAll(List.of("-jar", options.oursJar.toString()));
      }
      int port = ServerProcess.freePort();
      Map<String, String> env = new LinkedHashMap<>();
      env.put("WORKSHOP_HOST", "127.0.0.1");
      env.put("WORKSHOP_PORT", String.valueOf(port));
      env.put("WORKSHOP_DATA_DIR", data.toString());
      env.put("WORKSHOP_INSTRUCTOR_PASSWORD", PASSWORD);
      env.put("WORKSHOP_JWT_SECRET", JWT_SECRET);
      // Metrics stay on, as shipped, on a port of the system's choosing: cluster runs have two nodes.
      env.put("WORKSHOP_METRICS_PORT", "0");
      env.putAll(options.serverEnv);
      env.putAll(extraEnv);
      ServerProcess p = ServerProcess.start(name, ServerProcess.pinned(pin, options.serverCpus, cmd), env, port,
          dir.resolve(label + (nodeIndex == 0 ? "" : "-" + nodeIndex) + ".log"), null);
      // Not awaited here: a cluster node is healthy only once the other one runs (see LoadRun).
      return p;
    }

    @Override
    Seating seat(List<ServerProcess> nodes, Layout layout, List<Peer> students, List<Peer> dashboards) {
      OursApi api = new OursApi(nodes.get(0).port);
      String instructor = api.login(PASSWORD);
      String[] ids = new String[layout.workshops];
      String[] codes = new String[layout.workshops];
      for (int w = 0; w < layout.workshops; w++) {
        JsonObject created = api.createWorkshop(instructor, layout.groupsIn[w]);
        ids[w] = created.getString("id");
        codes[w] = created.getString("joinCode");
      }
      List<OursApi.Joined> joined = api.joinAll(students.stream().map(p -> codes[p.workshop]).toList(),
          students.stream().map(p -> "학생" + p.student).toList());
      for (int i = 0; i < students.size(); i++) {
        Peer p = students.get(i);
        OursApi.Joined j = joined.get(i);
        p.hello = new JsonObject().put("type", "hello").put("token", j.token()).put("lastSeq", 0).encode();
        p.groupKey = ids[p.workshop] + ":" + j.groupId();
      }
      for (Peer d : dashboards) {
        d.hello = new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", ids[d.workshop])
            .encode();
        if (showsSynthesis()) {
          d.synthesisPath = "/api/workshops/" + ids[d.workshop] + "/synthesis";
          d.token = instructor;
        }
      }
      // One instructor connection per workshop starts the exercise (lobby -> discussion), then leaves.
      List<Peer> controls = new ArrayList<>();
      Map<Peer, JsonObject> ops = new LinkedHashMap<>();
      for (int w = 0; w < layout.workshops; w++) {
        Peer c = new Peer(1_000_000 + w, -1, w, 0, false);
        c.hello = new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", ids[w]).encode();
        controls.add(c);
        ops.put(c, new JsonObject().put("type", "exercise.start"));
      }
      return new Seating(controls, ops);
    }
  }

  // ------------------------------------------------------------------ the two comparison servers

  /** The shared part of the comparison servers: the harness seats everyone in the hello. */
  abstract static class RoomContender extends Contender {
    RoomContender(String name, Options o) {
      super(name, o);
    }

    @Override
    Seating seat(List<ServerProcess> nodes, Layout layout, List<Peer> students, List<Peer> dashboards) {
      for (Peer p : students) {
        String group = layout.plannedGroup(p.student);
        p.hello = new JsonObject().put("type", "hello").put("role", "student").put("workshopId", "w" + p.workshop)
            .put("groupId", group).put("studentId", "s-" + p.student).encode();
        p.groupKey = "w" + p.workshop + ":" + group;
      }
      for (Peer d : dashboards) {
        d.hello = new JsonObject().put("type", "hello").put("role", "instructor").put("workshopId", "w" + d.workshop)
            .encode();
      }
      return Seating.none();
    }
  }

  static final class Baseline extends RoomContender {
    Baseline(Options o) {
      super("baseline", o);
    }

    @Override
    String describe() {
      return "bare Vert.x WebSocket server (one event loop, no auth, no storage)";
    }

    @Override
    ServerProcess start(Path dir, String label, int nodeIndex, Map<String, String> extraEnv, boolean pin)
        throws IOException {
      int port = ServerProcess.freePort();
      List<String> cmd = java();
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.breakout.load.baseline.BaselineServer",
          "--host", "127.0.0.1", "--port", String.valueOf(port)));
      ServerProcess p = ServerProcess.start(name, ServerProcess.pinned(pin, options.serverCpus, cmd), Map.of(), port,
          dir.resolve(label + ".log"), null);
      p.awaitHealthy(Duration.ofSeconds(60));
      return p;
    }
  }

  static final class Node extends RoomContender {
    Node(Options o) {
      super("node", o);
    }

    @Override
    String describe() {
      return "Node.js " + ServerProcess.run(List.of("node", "--version"), 10).trim() + " + socket.io "
          + NodeSetup.socketIoVersion(options.nodeDir) + " (same room protocol, no auth, no storage)";
    }

    @Override
    boolean socketIo() {
      return true;
    }

    @Override
    String wsPath() {
      return "/socket.io/?EIO=4&transport=websocket";
    }

    @Override
    ServerProcess start(Path dir, String label, int nodeIndex, Map<String, String> extraEnv, boolean pin)
        throws IOException {
      NodeSetup.ensureInstalled(options.nodeDir);
      int port = ServerProcess.freePort();
      List<String> cmd = new ArrayList<>(List.of("node"));
      if (options.mode == Options.Mode.MEMORY) {
        cmd.add("--expose-gc");
      }
      cmd.add(options.nodeDir.resolve("server.js").toString());
      ServerProcess p = ServerProcess.start(name, ServerProcess.pinned(pin, options.serverCpus, cmd),
          Map.of("PORT", String.valueOf(port), "HOST", "127.0.0.1", "NODE_ENV", "production"), port,
          dir.resolve(label + ".log"), options.nodeDir);
      p.awaitHealthy(Duration.ofSeconds(60));
      return p;
    }
  }
}
