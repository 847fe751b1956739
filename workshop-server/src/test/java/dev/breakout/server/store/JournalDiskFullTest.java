package dev.breakout.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.ResilientStudent;
import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A real full disk under the journal: a 1 MiB tmpfs mounted on the data directory's journal/
 * (root only, as the project's machines and CI run), filled up while a student writes.
 */
@DisplayName("The journal's disk fills up and empties again")
class JournalDiskFullTest {
  private Path dataDir;
  private Path journal;
  private boolean mounted;
  private TestServer server;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (mounted) {
      run("umount", journal.toString());
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (this test mounts a tmpfs and needs"
          + " root, as bin/test runs on the project's machines): " + out);
    }
  }

  /** Writes until the file system says it is full. */
  private static void fill(Path file) throws IOException {
    byte[] chunk = new byte[16 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).contains("No space left on device");
    }
  }

  @Test
  @DisplayName("Writes are refused with unavailable while it is full, nothing acknowledged is lost, and writing goes on once space returns")
  void diskFullAndBack() throws Exception {
    dataDir = Files.createTempDirectory("disk-full");
    journal = dataDir.resolve("journal");
    Files.createDirectories(journal);
    run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", journal.toString());
    mounted = true;
    server = TestServer.start(vertx, Map.of("WORKSHOP_DATA_DIR", dataDir.toString()));
    String instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groups", 1));
    try (TestSocket teacher = server.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", created.getString("id")));
      teacher.awaitType("welcome");
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    }
    JsonObject joined = server.join(created.getString("joinCode"), "하은");
    ResilientStudent student = new ResilientStudent(vertx, joined, server::port);
    List<String> acked = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      student.apply(card("before-" + i));
    }

    String refusedId = null;
    Path filler = journal.resolve("filler");
    fill(filler);
    try (TestSocket refused = server.socket()) {
      refused.send(new JsonObject().put("type", "hello").put("token", joined.getString("token")).put("lastSeq", 0));
      refused.awaitType("welcome");
      // The journal file's last page may still have room: write until the disk refuses.
      JsonObject reply = null;
      for (int i = 0; i < 500 && reply == null; i++) {
        refused.send(card("while-full-" + i));
        JsonObject r = refused.awaitReply("while-full-" + i);
        if ("ack".equals(r.getString("type"))) {
          acked.add("while-full-" + i);
        } else {
          reply = r;
          refusedId = "while-full-" + i;
        }
      }
      assertThat(reply).as("a write refused while the disk is full").isNotNull();
      assertThat(reply.getString("code")).isEqualTo("unavailable");
      assertThat(refused.awaitClose()).isEqualTo((short) 1011);
    }
    assertThat(server.get("/health", null).status()).isEqualTo(200);

    Files.delete(filler);
    // The same operation again, as a client resends it, then more: all go through.
    student.apply(card(refusedId));
    for (int i = 0; i < 5; i++) {
      student.apply(card("after-" + i));
    }
    acked.addAll(student.acked());
    student.close();
    assertThat(student.acked()).hasSize(11).contains(refusedId);

    // Nothing acknowledged is lost, even across a restart that replays the journal.
    server.close();
    server = TestServer.start(vertx, Map.of("WORKSHOP_DATA_DIR", dataDir.toString()));
    String csv = server.get("/api/workshops/" + created.getString("id") + "/export?format=csv",
        server.instructorToken()).body();
    for (String id : acked) {
      assertThat(csv.split("," + id + ",", -1).length - 1).as("card %s in the export", id).isEqualTo(1);
    }
  }

  private static JsonObject card(String id) {
    return new JsonObject().put("type", "card.add").put("opId", id).put("cardId", id).put("prompt", "p1")
        .put("text", "디스크 " + id);
  }
}
