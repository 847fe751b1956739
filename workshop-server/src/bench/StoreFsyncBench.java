import dev.breakout.server.room.Card;
import dev.breakout.server.room.Event;
import dev.breakout.server.room.Logged;
import dev.breakout.server.store.JdbcEventStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What WORKSHOP_FSYNC costs the embedded store: commits per second with and without a forced
 * flush per batch, one writer at a time (every commit alone) and 200 at once (group commit).
 * Prints figures; asserts nothing. Run after `mvn -DskipTests package`:
 *
 *   java -cp workshop-server/target/workshop-server.jar workshop-server/src/bench/StoreFsyncBench.java
 */
public class StoreFsyncBench {
  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    for (int round = 0; round < 2; round++) {
      for (boolean fsync : new boolean[] {false, true}) {
        Path dir = Files.createTempDirectory("fsync-bench");
        JdbcEventStore store = JdbcEventStore.openEmbedded(vertx, dir, fsync);
        store.createWorkshop(Plans.plan()).toCompletionStage().toCompletableFuture().get();
        long[] seq = {0};
        double sequential = rate(400, 1, store, seq);
        double grouped = rate(4_000, 200, store, seq);
        System.out.printf("round %d fsync=%-5s  one at a time: %7.0f commits/s   200 at once: %7.0f commits/s%n",
            round + 1, fsync, sequential, grouped);
        store.close().toCompletionStage().toCompletableFuture().get();
      }
    }
    vertx.close();
  }

  /** {@code total} single-event commits, {@code inFlight} of them outstanding at any time. */
  static double rate(int total, int inFlight, JdbcEventStore store, long[] seq) throws Exception {
    long start = System.nanoTime();
    for (int done = 0; done < total; done += inFlight) {
      List<Future<Void>> batch = new ArrayList<>();
      for (int i = 0; i < inFlight; i++) {
        long s = ++seq[0];
        Card card = new Card("c" + s, "p1", "카드 " + s, null, "s-1", "벤치", 1, false, s, s);
        batch.add(store.append("bench", List.of(new Logged("g1", s, s, "s-1", "op" + s, new Event.CardAdded(card))),
            List.of()));
      }
      Future.all(batch).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    return total / ((System.nanoTime() - start) / 1e9);
  }

  /** A one-group plan for the rows to belong to. */
  static final class Plans {
    static dev.breakout.server.room.WorkshopPlan plan() {
      return new dev.breakout.server.room.WorkshopPlan("bench", "s", "s", "e", "", List.of(), "000000",
          List.of(new dev.breakout.server.room.WorkshopPlan.GroupInfo("g1", "1조")), false,
          List.of(new dev.breakout.content.Exercise.Prompt("p1", "q", dev.breakout.content.Exercise.PromptKind.LIST)),
          List.of(), 0, 0, 0);
    }
  }
}
