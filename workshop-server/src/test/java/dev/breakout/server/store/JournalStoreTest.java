package dev.breakout.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakout.content.Exercise;
import dev.breakout.server.room.Card;
import dev.breakout.server.room.Event;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("The embedded store journals appends and moves them into H2 without losing or repeating one")
class JournalStoreTest {
  private static final String W = "w1";

  @Test
  @DisplayName("An append is readable at once, before it has been moved into H2")
  void appendsAreReadableAtOnce(Vertx vertx, @TempDir Path dir) throws Exception {
    JdbcEventStore store = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)));
    await(store.createWorkshop(plan()));
    await(store.append(W, List.of(card(1, "첫 카드")), List.of(seat())));
    await(store.append(W, List.of(card(2, "둘째, \"따옴표\"\n줄바꿈")), List.of()));

    EventStore.StoredWorkshop loaded = await(store.load(W));

    assertThat(loaded.seats()).containsExactly(seat());
    assertThat(texts(loaded)).containsExactly("첫 카드", "둘째, \"따옴표\"\n줄바꿈");
    await(store.close());
  }

  @Test
  @DisplayName("Appends journaled but not yet in H2 when the server died are in H2 after the next start")
  void replaysWhatH2Lacks(Vertx vertx, @TempDir Path dir) throws Exception {
    // A database that has the workshop, and a journal that has its appends: the state a kill -9
    // leaves between an acknowledgement and the next move into H2.
    await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false))
        .compose(s -> s.createWorkshop(plan()).compose(v -> s.close())));
    long generation = Journal.generations(dir.resolve(Journal.DIRECTORY)).get(0);
    try (Journal journal = reopen(dir, generation)) {
      List<byte[]> records = new ArrayList<>();
      for (int i = 1; i <= 30; i++) {
        records.add(AppendRows.of(W, List.of(card(i, "카드 " + i)), i == 1 ? List.of(seat()) : List.of()).encode());
      }
      journal.write(records);
    }

    JdbcEventStore store = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)));
    EventStore.StoredWorkshop loaded = await(store.load(W));
    await(store.close());

    assertThat(loaded.seats()).containsExactly(seat());
    assertThat(loaded.events()).extracting(Logged::seq).containsExactlyElementsOf(range(1, 30));
    // and only once: a second start finds nothing more to replay
    JdbcEventStore again = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)));
    assertThat(await(again.load(W)).events()).hasSize(30);
    await(again.close());
    assertThat(Journal.generations(dir.resolve(Journal.DIRECTORY))).hasSize(1);
  }

  @Test
  @DisplayName("A write torn by a crash is cut off; the whole records before it are kept")
  void tornTailIsCutOff(Vertx vertx, @TempDir Path dir) throws Exception {
    await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false))
        .compose(s -> s.createWorkshop(plan()).compose(v -> s.close())));
    long generation = Journal.generations(dir.resolve(Journal.DIRECTORY)).get(0);
    Path file = dir.resolve(Journal.DIRECTORY).resolve(Journal.name(generation));
    try (Journal journal = reopen(dir, generation)) {
      journal.write(List.of(AppendRows.of(W, List.of(card(1, "하나")), List.of()).encode(),
          AppendRows.of(W, List.of(card(2, "둘")), List.of()).encode()));
    }
    byte[] whole = AppendRows.of(W, List.of(card(3, "셋")), List.of()).encode();
    // the length and checksum of a third record, and half of its bytes
    ByteBuffer torn = ByteBuffer.allocate(8 + whole.length / 2).putInt(whole.length).putInt(12345)
        .put(whole, 0, whole.length / 2).flip();
    Files.write(file, toArray(torn), StandardOpenOption.APPEND);

    JdbcEventStore store = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)));
    assertThat(texts(await(store.load(W)))).containsExactly("하나", "둘");
    // writing goes on after the cut: the next append follows seq 2
    await(store.append(W, List.of(card(3, "셋")), List.of()));
    await(store.close());
    JdbcEventStore again = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)));
    assertThat(texts(await(again.load(W)))).containsExactly("하나", "둘", "셋");
    await(again.close());
  }

  @Test
  @DisplayName("Damage in a journal file that later files follow stops the start and changes nothing")
  void damageBeforeTheEndIsRefused(Vertx vertx, @TempDir Path dir) throws Exception {
    await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false))
        .compose(s -> s.createWorkshop(plan()).compose(v -> s.close())));
    Path journalDir = dir.resolve(Journal.DIRECTORY);
    long generation = Journal.generations(journalDir).get(0);
    try (Journal journal = reopen(dir, generation)) {
      journal.write(List.of(AppendRows.of(W, List.of(card(1, "하나")), List.of()).encode()));
    }
    Path file = journalDir.resolve(Journal.name(generation));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 0x55;
    Files.write(file, bytes);
    Journal.create(journalDir, generation + 1).close();

    assertThatThrownBy(() -> await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false))))
        .hasMessageContaining("damaged");
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
  }

  @Test
  @DisplayName("Full journal files are replaced and deleted once H2 holds them; every append stays, in order")
  void journalFilesAreReplaced(Vertx vertx, @TempDir Path dir) throws Exception {
    JdbcEventStore store = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false, 2_000)));
    await(store.createWorkshop(plan()));
    List<Future<Void>> appends = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      appends.add(store.append(W, List.of(card(i, "카드 " + i)), List.of()));
    }
    await(Future.all(appends));
    await(store.close());

    Path journalDir = dir.resolve(Journal.DIRECTORY);
    assertThat(Journal.generations(journalDir)).hasSizeLessThanOrEqualTo(2);
    JdbcEventStore again = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)));
    assertThat(await(again.load(W)).events()).extracting(Logged::seq).containsExactlyElementsOf(range(1, 300));
    await(again.close());
    assertThat(Journal.generations(journalDir)).hasSize(1);
  }

  @Test
  @DisplayName("H2's file stays compact under many small commits, and loses nothing by it")
  void databaseFileStaysCompact(Vertx vertx, @TempDir Path dir) throws Exception {
    JdbcEventStore store = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)));
    await(store.createWorkshop(plan()));
    // A read runs after the appends before it are in H2, so each round is one H2 commit of one
    // event: a busy server commits ten times a second, for hours.
    for (int i = 1; i <= 1_000; i++) {
      await(store.append(W, List.of(card(i, "카드 " + i)), i == 1 ? List.of(seat()) : List.of()));
      await(store.workshopIds());
    }
    long bytes = Files.size(dir.resolve("workshop.mv.db"));
    await(store.close());

    // ~300 KB of rows. Before H2 wrote and compacted its file in the background, every commit left
    // a chunk of its own in it: 1,000 commits made a file of ~20 MB, and ~1,000 chunks on the heap.
    assertThat(bytes).isLessThan(4L << 20);
    JdbcEventStore again = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)));
    assertThat(await(again.load(W)).events()).extracting(Logged::seq).containsExactlyElementsOf(range(1, 1_000));
    await(again.close());
  }

  @Test
  @DisplayName("A deleted workshop stays deleted after a restart, and its names leave the journal")
  void deleteIsNotUndoneByTheJournal(Vertx vertx, @TempDir Path dir) throws Exception {
    JdbcEventStore store = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)));
    await(store.createWorkshop(plan()));
    await(store.append(W, List.of(card(1, "지울 카드")), List.of(seat())));
    await(store.deleteWorkshop(W));
    assertThat(await(store.load(W))).isNull();
    await(store.close());
    byte[] name = "지울 카드".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (long generation : Journal.generations(dir.resolve(Journal.DIRECTORY))) {
      byte[] file = Files.readAllBytes(dir.resolve(Journal.DIRECTORY).resolve(Journal.name(generation)));
      assertThat(indexOf(file, name)).as("journal file %d", generation).isEqualTo(-1);
    }

    JdbcEventStore again = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)));
    assertThat(await(again.load(W))).isNull();
    assertThat(await(again.workshopIds())).isEmpty();
    await(again.close());
    try (Connection c = DriverManager.getConnection(JdbcEventStore.h2Url(dir));
         var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM events")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  @DisplayName("An append round-trips through its journal encoding unchanged")
  void encodingRoundTrips() throws Exception {
    AppendRows rows = AppendRows.of(W, List.of(card(7, "한글 🙂 \u0000 끝"),
        new Logged("g1", 8, 99, "system", null, new Event.CardAdded(cardValue(8, "x")))), List.of(seat()));
    assertThat(AppendRows.decode(ByteBuffer.wrap(rows.encode()))).isEqualTo(rows);
  }

  // ------------------------------------------------------------------ helpers

  /** Appends to an existing journal file, as the store would have before a crash. */
  private static Journal reopen(Path dir, long generation) throws Exception {
    Path journalDir = dir.resolve(Journal.DIRECTORY);
    Path file = journalDir.resolve(Journal.name(generation));
    Path copy = Files.createTempFile(dir, "journal", ".tmp");
    Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.delete(file);
    Journal journal = Journal.create(journalDir, generation); // a fresh header, same generation
    assertThat(Files.size(copy)).isEqualTo(Journal.HEADER_BYTES);
    Files.delete(copy);
    return journal;
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  private static List<String> texts(EventStore.StoredWorkshop w) {
    return w.events().stream().map(l -> ((Event.CardAdded) l.event()).card().text()).toList();
  }

  private static List<Long> range(int from, int to) {
    return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] toArray(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.get(a);
    return a;
  }

  private static Seat seat() {
    return new Seat("s-1", "김하나", "g1", "key-1");
  }

  private static Card cardValue(long seq, String text) {
    return new Card("c" + seq, "p1", text, null, "s-1", "김하나", 1, false, seq, seq);
  }

  private static Logged card(long seq, String text) {
    return new Logged("g1", seq, 1_000 + seq, "s-1", "op-" + seq, new Event.CardAdded(cardValue(seq, text)));
  }

  private static WorkshopPlan plan() {
    return new WorkshopPlan(W, "s", "s", "e", "", List.of(), "000000",
        List.of(new WorkshopPlan.GroupInfo("g1", "1조")), false,
        List.of(new Exercise.Prompt("p1", "q", Exercise.PromptKind.LIST)), List.of(), 0, 0, 0);
  }
}
