package dev.breakout.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.WorkshopServer;
import dev.breakout.server.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("A data directory that cannot be used stops the start with a clear error")
class StartupFailureTest {

  private Throwable startFailure(Vertx vertx, Path dataDir) throws Exception {
    var config = ConfigLoader.load(Map.of("WORKSHOP_HOST", "127.0.0.1", "WORKSHOP_PORT", "0",
        "WORKSHOP_DATA_DIR", dataDir.toString(), "WORKSHOP_INSTRUCTOR_PASSWORD", "pw"), new String[0]);
    return WorkshopServer.start(vertx, config).toCompletionStage().toCompletableFuture()
        .handle((server, err) -> err).get(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("A data directory path that is a file is refused, naming the path")
  void notADirectory(Vertx vertx, @TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    Throwable err = startFailure(vertx, file);
    assertThat(err).isNotNull();
    assertThat(err.getMessage()).contains(file.toString());
  }

  @Test
  @DisplayName("A damaged database file is refused and left as it was")
  void corruptedDatabase(Vertx vertx, @TempDir Path tmp) throws Exception {
    Path db = tmp.resolve("workshop.mv.db");
    byte[] garbage = new byte[8192];
    new java.util.Random(7).nextBytes(garbage);
    Files.write(db, garbage);
    Throwable err = startFailure(vertx, tmp);
    assertThat(err).isNotNull();
    assertThat(err.getMessage()).contains("Cannot open the database in");
    assertThat(Files.readAllBytes(db)).isEqualTo(garbage);
  }
}
