package dev.breakout.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakout.server.room.Event;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Seat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage codec keeps what databases and journals already hold readable. The fixtures are what
 * the wire encoder (protocol.Json), which the store used before it had its own codec, wrote for
 * {@link StoredSamples}: byte for byte, so the stored form has not changed either.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The storage codec reads every row the store ever wrote and writes the same form")
class StoredJsonTest {

  /** By sample name: an event's stored form as protocol.Json wrote it at {@link StoredSamples#AT}. */
  static final Map<String, String> WRITTEN_BY_THE_WIRE_ENCODER = fixtures(
      Map.entry("StudentJoined",
          "{\"type\":\"student.joined\",\"studentId\":\"s-1\",\"name\":\"김하나\"}"),
      Map.entry("StudentLeft",
          "{\"type\":\"student.left\",\"studentId\":\"s-1\",\"toGroupId\":\"g2\"}"),
      Map.entry("CardAdded",
          "{\"type\":\"card.added\",\"card\":{\"cardId\":\"c1\",\"prompt\":\"p1\",\"text\":\"레거시 \\\"통합\\\" <b>&\\\\ 🙂\",\"label\":\"1단계\",\"authorId\":\"s-1\",\"authorName\":\"김하나\",\"version\":3,\"late\":true,\"createdAt\":1764199995000,\"updatedAt\":1764199999000}}"),
      Map.entry("CardAdded without label",
          "{\"type\":\"card.added\",\"card\":{\"cardId\":\"c2\",\"prompt\":\"p2\",\"text\":\"둘째 카드\",\"label\":null,\"authorId\":\"s-2\",\"authorName\":\"이둘\",\"version\":1,\"late\":false,\"createdAt\":1764199996000,\"updatedAt\":1764199996000}}"),
      Map.entry("CardEdited",
          "{\"type\":\"card.edited\",\"cardId\":\"c1\",\"text\":\"고친 글\",\"label\":\"2단계\",\"version\":4,\"editorId\":\"s-2\",\"late\":false}"),
      Map.entry("CardDeleted",
          "{\"type\":\"card.deleted\",\"cardId\":\"c1\",\"late\":true}"),
      Map.entry("CardMoved",
          "{\"type\":\"card.moved\",\"cardId\":\"c1\",\"index\":2,\"late\":false}"),
      Map.entry("SubmissionChanged",
          "{\"type\":\"group.submitted\",\"submitted\":true,\"studentId\":\"s-1\",\"late\":false}"),
      Map.entry("HelpRequested",
          "{\"type\":\"help.requested\",\"studentId\":\"s-2\"}"),
      Map.entry("HelpCleared",
          "{\"type\":\"help.cleared\"}"),
      Map.entry("FeedbackGiven",
          "{\"type\":\"feedback.given\",\"text\":\"좋은 의견입니다\\n다음 줄\"}"),
      Map.entry("GroupClockAdjusted",
          "{\"type\":\"clock.adjusted\",\"groupId\":\"g2\",\"seconds\":60,\"extraMs\":90000}"),
      Map.entry("PhaseChanged",
          "{\"type\":\"phase.changed\",\"clock\":{\"phase\":\"phase1\",\"phaseIndex\":0,\"kind\":\"discussion\",\"phaseStartedAt\":1764199880000,\"endsAt\":1764200180000,\"paused\":true,\"pausedAt\":1764199990000,\"remainingMs\":190000,\"warned\":false,\"writableEndedAt\":0,\"order\":[]}}"),
      Map.entry("ClockPaused",
          "{\"type\":\"clock.paused\",\"clock\":{\"phase\":\"phase1\",\"phaseIndex\":0,\"kind\":\"discussion\",\"phaseStartedAt\":1764199880000,\"endsAt\":1764200180000,\"paused\":true,\"pausedAt\":1764199990000,\"remainingMs\":190000,\"warned\":false,\"writableEndedAt\":0,\"order\":[]}}"),
      Map.entry("ClockResumed",
          "{\"type\":\"clock.resumed\",\"clock\":{\"phase\":\"phase2\",\"phaseIndex\":1,\"kind\":\"presentation\",\"phaseStartedAt\":1764199940000,\"endsAt\":1764200060000,\"paused\":false,\"pausedAt\":0,\"remainingMs\":60000,\"warned\":true,\"writableEndedAt\":1764199939000,\"order\":[\"g1\",\"g2\"],\"stage\":\"presenting\",\"stageEndsAt\":0,\"slot\":{\"index\":0,\"count\":2,\"groupId\":\"g1\",\"endsAt\":1764200030000,\"lengthMs\":90000}}}"),
      Map.entry("ClockAdjusted",
          "{\"type\":\"clock.adjusted\",\"seconds\":-30,\"clock\":{\"phase\":\"phase1\",\"phaseIndex\":0,\"kind\":\"discussion\",\"phaseStartedAt\":1764199880000,\"endsAt\":1764200180000,\"paused\":true,\"pausedAt\":1764199990000,\"remainingMs\":190000,\"warned\":false,\"writableEndedAt\":0,\"order\":[]}}"),
      Map.entry("ClockWarning",
          "{\"type\":\"clock.warning\",\"remainingMs\":60000,\"clock\":{\"phase\":\"phase1\",\"phaseIndex\":0,\"kind\":\"discussion\",\"phaseStartedAt\":1764199880000,\"endsAt\":1764200180000,\"paused\":true,\"pausedAt\":1764199990000,\"remainingMs\":190000,\"warned\":false,\"writableEndedAt\":0,\"order\":[]}}"),
      Map.entry("BroadcastSent",
          "{\"type\":\"broadcast.sent\",\"text\":\"1분 남았습니다\"}"),
      Map.entry("SpotlightChanged",
          "{\"type\":\"spotlight.changed\",\"groupId\":\"g1\",\"groupName\":\"가조\",\"board\":{\"p1\":[{\"cardId\":\"c1\",\"prompt\":\"p1\",\"text\":\"레거시 \\\"통합\\\" <b>&\\\\ 🙂\",\"label\":\"1단계\",\"authorId\":\"s-1\",\"authorName\":\"김하나\",\"version\":3,\"late\":true,\"createdAt\":1764199995000,\"updatedAt\":1764199999000}],\"p2\":[{\"cardId\":\"c2\",\"prompt\":\"p2\",\"text\":\"둘째 카드\",\"label\":null,\"authorId\":\"s-2\",\"authorName\":\"이둘\",\"version\":1,\"late\":false,\"createdAt\":1764199996000,\"updatedAt\":1764199996000}]},\"clock\":{\"phase\":\"phase2\",\"phaseIndex\":1,\"kind\":\"presentation\",\"phaseStartedAt\":1764199940000,\"endsAt\":1764200060000,\"paused\":false,\"pausedAt\":0,\"remainingMs\":60000,\"warned\":true,\"writableEndedAt\":1764199939000,\"order\":[\"g1\",\"g2\"],\"stage\":\"presenting\",\"stageEndsAt\":0,\"slot\":{\"index\":0,\"count\":2,\"groupId\":\"g1\",\"endsAt\":1764200030000,\"lengthMs\":90000}}}"),
      Map.entry("PresentationOrdered",
          "{\"type\":\"presentation.ordered\",\"groupIds\":[\"g2\",\"g1\"],\"clock\":{\"phase\":\"phase2\",\"phaseIndex\":1,\"kind\":\"presentation\",\"phaseStartedAt\":1764199999000,\"endsAt\":1764200120000,\"paused\":false,\"pausedAt\":0,\"remainingMs\":120000,\"warned\":false,\"writableEndedAt\":1764199999000,\"order\":[\"g2\",\"g1\"],\"stage\":\"countdown\",\"stageEndsAt\":1764200030000}}"),
      Map.entry("WorkshopEnded",
          "{\"type\":\"workshop.ended\",\"clock\":{\"phase\":\"ended\",\"phaseIndex\":2,\"kind\":\"ended\",\"phaseStartedAt\":1764200000000,\"endsAt\":0,\"paused\":false,\"pausedAt\":0,\"remainingMs\":0,\"warned\":true,\"writableEndedAt\":1764199939000,\"order\":[\"g1\",\"g2\"]}}"),
      Map.entry("PresentationStarted",
          "{\"type\":\"presentation.started\",\"clock\":{\"phase\":\"phase2\",\"phaseIndex\":1,\"kind\":\"presentation\",\"phaseStartedAt\":1764199940000,\"endsAt\":1764200060000,\"paused\":false,\"pausedAt\":0,\"remainingMs\":60000,\"warned\":true,\"writableEndedAt\":1764199939000,\"order\":[\"g1\",\"g2\"],\"stage\":\"presenting\",\"stageEndsAt\":0,\"slot\":{\"index\":0,\"count\":2,\"groupId\":\"g1\",\"endsAt\":1764200030000,\"lengthMs\":90000}}}"),
      Map.entry("PresentationWaiting",
          "{\"type\":\"presentation.waiting\",\"groupIds\":[\"g2\"],\"clock\":{\"phase\":\"phase2\",\"phaseIndex\":1,\"kind\":\"presentation\",\"phaseStartedAt\":1764199999000,\"endsAt\":1764200120000,\"paused\":false,\"pausedAt\":0,\"remainingMs\":120000,\"warned\":false,\"writableEndedAt\":1764199999000,\"order\":[\"g1\",\"g2\"],\"stage\":\"waiting\",\"stageEndsAt\":1764200045000}}"),
      Map.entry("BroadcastWithdrawn",
          "{\"type\":\"broadcast.withdrawn\",\"sentAt\":1764199998000}"),
      Map.entry("GalleryOpened",
          "{\"type\":\"gallery.opened\",\"boards\":[{\"groupId\":\"g1\",\"groupName\":\"가조\",\"board\":{\"p1\":[{\"cardId\":\"c1\",\"prompt\":\"p1\",\"text\":\"레거시 \\\"통합\\\" <b>&\\\\ 🙂\",\"label\":\"1단계\",\"authorId\":\"s-1\",\"authorName\":\"김하나\",\"version\":3,\"late\":true,\"createdAt\":1764199995000,\"updatedAt\":1764199999000}],\"p2\":[{\"cardId\":\"c2\",\"prompt\":\"p2\",\"text\":\"둘째 카드\",\"label\":null,\"authorId\":\"s-2\",\"authorName\":\"이둘\",\"version\":1,\"late\":false,\"createdAt\":1764199996000,\"updatedAt\":1764199996000}]}},{\"groupId\":\"g2\",\"groupName\":\"나조\",\"board\":{}}]}"),
      Map.entry("ReactionChanged",
          "{\"type\":\"reaction.changed\",\"cardGroupId\":\"g1\",\"cardId\":\"c1\",\"kind\":\"agree\",\"studentId\":\"s-3\",\"on\":true,\"counts\":{\"agree\":2,\"new\":1}}"),
      Map.entry("ClustersMerged",
          "{\"type\":\"synthesis.merged\",\"prompt\":\"p1\",\"cardId\":\"c1\",\"otherCardId\":\"c2\"}"),
      Map.entry("CardRegrouped",
          "{\"type\":\"synthesis.moved\",\"prompt\":\"p1\",\"cardId\":\"c1\",\"toCardId\":\"c2\"}"),
      Map.entry("CardRegrouped alone",
          "{\"type\":\"synthesis.moved\",\"prompt\":\"p1\",\"cardId\":\"c1\",\"toCardId\":null}"),
      Map.entry("ClusterRenamed",
          "{\"type\":\"synthesis.renamed\",\"prompt\":\"p1\",\"cardId\":\"c1\",\"label\":\"통합의 어려움\"}"));

  static final String PLAN =
      "{\"id\":\"w1\",\"sessionId\":\"s7\",\"sessionTitle\":\"DevOps 성공 사례 분석\",\"exerciseTitle\":\"사례 분석\",\"scenario\":\"시나리오 \\\"인용\\\"\",\"conditions\":[\"조건 1\",\"조건 2\"],\"joinCode\":\"123456\",\"groups\":[{\"id\":\"g1\",\"name\":\"가조\"},{\"id\":\"g2\",\"name\":\"나조\"}],\"allowGroupChoice\":true,\"prompts\":[{\"id\":\"p1\",\"text\":\"예상되는 장애물은?\",\"kind\":\"list\",\"shortLabel\":\"장애물\"},{\"id\":\"p2\",\"text\":\"단계별 계획\",\"kind\":\"steps\",\"shortLabel\":\"계획\"}],\"phases\":[{\"id\":\"phase1\",\"title\":\"그룹 토론\",\"kind\":\"discussion\",\"durationMs\":300000},{\"id\":\"phase2\",\"title\":\"발표 및 피드백\",\"kind\":\"presentation\",\"durationMs\":120000},{\"id\":\"phase3\",\"title\":\"갤러리\",\"kind\":\"gallery\",\"durationMs\":60000}],\"warningLeadMs\":60000,\"graceMs\":10000,\"createdAt\":1764199940000,\"name\":\"3반 11월 27일\",\"timeZone\":\"Asia/Seoul\",\"presentation\":{\"start\":\"countdown\",\"prepSeconds\":30,\"pacing\":\"timed\",\"presenterAdvances\":true,\"lateGroups\":\"wait\"}}";
  static final String OLD_PLAN =
      "{\"id\":\"w0\",\"sessionId\":\"s1\",\"sessionTitle\":\"세션\",\"exerciseTitle\":\"연습\",\"scenario\":\"시나리오\",\"conditions\":[],\"joinCode\":\"654321\",\"groups\":[{\"id\":\"g1\",\"name\":\"가조\"}],\"allowGroupChoice\":false,\"prompts\":[{\"id\":\"p1\",\"text\":\"질문\",\"kind\":\"list\",\"shortLabel\":\"질문\"}],\"phases\":[{\"id\":\"phase1\",\"title\":\"토론\",\"kind\":\"discussion\",\"durationMs\":600000}],\"warningLeadMs\":60000,\"graceMs\":0,\"createdAt\":1764196400000,\"name\":null,\"timeZone\":null,\"presentation\":{\"start\":\"countdown\",\"prepSeconds\":0,\"pacing\":\"timed\",\"presenterAdvances\":false,\"lateGroups\":\"last\"}}";
  /** A plan row from before group choice, names, zones and handover options were stored. */
  static final String LEGACY_PLAN =
      "{\"id\":\"w0\",\"sessionId\":\"s1\",\"sessionTitle\":\"세션\",\"exerciseTitle\":\"연습\",\"scenario\":\"시나리오\",\"conditions\":[],\"joinCode\":\"654321\",\"groups\":[{\"id\":\"g1\",\"name\":\"가조\"}],\"prompts\":[{\"id\":\"p1\",\"text\":\"질문\",\"kind\":\"list\",\"shortLabel\":\"질문\"}],\"phases\":[{\"id\":\"phase1\",\"title\":\"토론\",\"kind\":\"discussion\",\"durationMs\":600000}],\"warningLeadMs\":60000,\"graceMs\":0,\"createdAt\":1764196400000}";

  @Test
  @DisplayName("Every record type of Event has a stored fixture")
  void everyEventTypeHasAFixture() {
    Set<Class<?>> sampled = new HashSet<>();
    StoredSamples.events().values().forEach(e -> sampled.add(e.getClass()));
    assertThat(sampled).containsExactlyInAnyOrderElementsOf(records(Event.class));
    assertThat(WRITTEN_BY_THE_WIRE_ENCODER.keySet()).containsExactlyElementsOf(StoredSamples.events().keySet());
  }

  @Test
  @DisplayName("Event rows written by the wire encoder decode to the events they were written for")
  void oldEventRowsDecode() {
    StoredSamples.events().forEach((name, event) ->
        assertThat(StoredJson.event(WRITTEN_BY_THE_WIRE_ENCODER.get(name))).as(name).isEqualTo(event));
  }

  @Test
  @DisplayName("The stored form of every event type is what the store wrote before, and round-trips")
  void eventsEncodeAsBeforeAndRoundTrip() {
    StoredSamples.events().forEach((name, event) -> {
      String stored = StoredJson.event(event, StoredSamples.AT);
      assertThat(stored).as(name).isEqualTo(WRITTEN_BY_THE_WIRE_ENCODER.get(name));
      assertThat(StoredJson.event(stored)).as(name).isEqualTo(event);
    });
  }

  @Test
  @DisplayName("Plans are stored as before and read back, old plan rows included")
  void plansAsBefore() {
    assertThat(StoredJson.plan(StoredSamples.plan())).isEqualTo(PLAN);
    assertThat(StoredJson.plan(StoredSamples.oldPlan())).isEqualTo(OLD_PLAN);
    assertThat(StoredJson.plan(PLAN)).isEqualTo(StoredSamples.plan());
    assertThat(StoredJson.plan(OLD_PLAN)).isEqualTo(StoredSamples.oldPlan());
    assertThat(StoredJson.plan(LEGACY_PLAN)).isEqualTo(StoredSamples.oldPlan());
  }

  @Test
  @DisplayName("A stored event of a type this server does not know is refused by name")
  void unknownTypeIsRefused() {
    assertThatThrownBy(() -> StoredJson.event("{\"type\":\"card.painted\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("card.painted");
  }

  @Test
  @DisplayName("A database and a journal holding rows in the old form load through the store")
  void oldDatabaseAndJournalLoad(Vertx vertx, @TempDir Path dir) throws Exception {
    await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)).compose(JdbcEventStore::close));
    List<AppendRows.EventRow> rows = new ArrayList<>();
    long seq = 0;
    for (var e : StoredSamples.events().entrySet()) {
      seq++;
      rows.add(new AppendRows.EventRow("g1", seq, StoredSamples.AT + seq, "s-1", "op-" + seq, e.getValue().type(),
          WRITTEN_BY_THE_WIRE_ENCODER.get(e.getKey())));
    }
    int half = rows.size() / 2;
    Seat seat = new Seat("s-1", "김하나", "g1", "key-1");
    // The first half in the tables, as the old code inserted it ...
    try (Connection c = DriverManager.getConnection(JdbcEventStore.h2Url(dir), "", "")) {
      c.setAutoCommit(false);
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO workshops (id, plan_json, created_at) VALUES (?, ?, ?)")) {
        s.setString(1, "w1");
        s.setString(2, PLAN);
        s.setLong(3, StoredSamples.plan().createdAt());
        s.executeUpdate();
      }
      AppendRows.insert(c, List.of(new AppendRows("w1", List.of(seat), rows.subList(0, half))));
      c.commit();
      try (var s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
    // ... the rest in the journal, acknowledged but not yet moved into H2 when the old server died.
    Path journalDir = dir.resolve(Journal.DIRECTORY);
    long generation = Journal.generations(journalDir).get(0);
    java.nio.file.Files.delete(journalDir.resolve(Journal.name(generation)));
    try (Journal journal = Journal.create(journalDir, generation)) {
      journal.write(List.of(new AppendRows("w1", List.of(), rows.subList(half, rows.size())).encode()));
    }

    JdbcEventStore store = await(vertx.executeBlocking(() -> JdbcEventStore.openEmbedded(vertx, dir, false)));
    EventStore.StoredWorkshop loaded = await(store.load("w1"));
    assertThat(await(store.workshopIdByCode(StoredSamples.plan().joinCode()))).contains("w1");
    await(store.close());

    assertThat(loaded.plan()).isEqualTo(StoredSamples.plan());
    assertThat(loaded.seats()).containsExactly(seat);
    assertThat(loaded.events()).extracting(Logged::event)
        .containsExactlyElementsOf(StoredSamples.events().values());
  }

  // ------------------------------------------------------------------ helpers

  @SafeVarargs
  private static Map<String, String> fixtures(Map.Entry<String, String>... entries) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : entries) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }

  /** The record types a sealed interface permits, through its sealed sub-interfaces. */
  private static Set<Class<?>> records(Class<?> sealed) {
    Set<Class<?>> found = new HashSet<>();
    for (Class<?> c : sealed.getPermittedSubclasses()) {
      if (c.isRecord()) {
        found.add(c);
      } else {
        found.addAll(records(c));
      }
    }
    return found;
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }
}
