package dev.breakout.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How long one scrub position of a 2,000-event log takes on a phone-class CPU: a phone-sized
 * Chromium with its CPU slowed 4× and 6× through the DevTools protocol, the real replay view
 * (fold from the nearest snapshot, board render) moved to 300 random moments. The figures are
 * printed, not asserted (they depend on the machine); the test checks that every seek landed.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Replay scrubbing on a throttled phone CPU (a measurement)")
class ReplayScrubMeasurementBrowserTest {
  private static final String MEASURE = """
      const done = arguments[arguments.length - 1];
      const maxCards = arguments[0];
      (async () => {
        const { mountReplay } = await import('/js/replay-view.js');
        const prompts = [{id: 'p1', text: 'P1', kind: 'list'}, {id: 'p2', text: 'P2', kind: 'list'}, {id: 'p3', text: 'P3', kind: 'steps'}];
        const workshop = {prompts, phases: [{id: 'phase1', title: 'D', kind: 'discussion', durationMs: 300000}]};
        let seed = 7;
        const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
        const log = [];
        const live = [];
        let at = 1700000000000;
        const push = (event) => log.push({groupId: 'g1', seq: log.length + 1, at: at += 150, event});
        push({type: 'phase.changed', clock: {phase: 'phase1', phaseIndex: 0, kind: 'discussion', phaseStartedAt: at, endsAt: at + 300000, paused: false, pausedAt: 0, warned: false, writableEndedAt: 0, order: []}});
        for (let i = 0; i < 5; i++) push({type: 'student.joined', studentId: 's' + i, name: '학생' + i});
        let n = 0;
        while (log.length < 2000) {
          const r = rnd(10);
          if (live.length < 20 || (r < 3 && live.length < maxCards)) {
            const card = {cardId: 'c' + n, prompt: prompts[n % 3].id, text: '카드 내용 ' + n + ' 레거시 시스템과 예산', label: null, authorId: 's' + (n % 5), authorName: '학생' + (n % 5), version: 1, late: false, createdAt: at, updatedAt: at};
            n++;
            live.push({id: card.cardId, prompt: card.prompt, v: 1});
            push({type: 'card.added', card});
          } else if (r < 8) {
            const c = live[rnd(live.length)];
            c.v++;
            push({type: 'card.edited', cardId: c.id, text: '고친 내용 ' + c.v, label: null, version: c.v, editorId: 's1', late: false});
          } else if (r < 9) {
            const c = live[rnd(live.length)];
            push({type: 'card.moved', cardId: c.id, index: 0, late: false});
          } else {
            const c = live.splice(rnd(live.length), 1)[0];
            push({type: 'card.deleted', cardId: c.id, late: false});
          }
        }
        const box = document.createElement('div');
        document.body.append(box);
        const b0 = performance.now();
        const view = mountReplay(box, workshop, {groupId: 'g1', name: '1조', log});
        const build = performance.now() - b0;
        const slider = box.querySelector('[data-testid=replay-slider]');
        const times = [];
        const folds = [];
        let landed = 0;
        for (let i = 0; i < 300; i++) {
          const k = rnd(log.length);
          const f0 = performance.now();
          view.replay.at(log[k].at);
          folds.push(performance.now() - f0);
          slider.value = String(log[k].at);
          const t0 = performance.now();
          view.show();
          times.push(performance.now() - t0);
          if (Number(box.dataset.events) === k + 1) landed++;
        }
        const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
        box.remove();
        done({events: log.length, liveCards: live.length, buildMs: build, foldMedianMs: q(folds, 0.5), foldP95Ms: q(folds, 0.95),
          medianMs: q(times, 0.5), p95Ms: q(times, 0.95), maxMs: q(times, 1), landed});
      })().catch((e) => done({error: String(e && e.stack || e)}));
      """;

  private TestServer server;
  private Browser phone;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    if (phone != null) {
      phone.close();
    }
    server.close();
  }

  @Test
  @DisplayName("a 2,000-event log: build, then per scrub position the fold and the board render, at 1×, 4× and 6× CPU slowdown")
  void measureScrubbing() {
    phone = Browser.phone("scrub");
    phone.open(server.base() + "/review.html");
    phone.waitFor("the review page", d -> phone.visible("login-password"));
    // A measurement, not a timed test: a slowed CPU on a busy machine may take minutes for 300 seeks,
    // and only whether every seek landed is asserted, so the script may take as long as it needs.
    phone.driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(5));
    for (int maxCards : new int[] {60, 400}) {
      for (int rate : new int[] {1, 4, 6}) {
        measure(maxCards, rate);
      }
    }
  }

  /** One run: a log that keeps at most {@code maxCards} on the board (400 is a group's limit). */
  @SuppressWarnings("unchecked")
  private void measure(int maxCards, int rate) {
    {
      phone.driver.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", rate));
      Object raw = phone.driver.executeAsyncScript(MEASURE, maxCards);
      JsonObject r = new JsonObject((Map<String, Object>) raw);
      assertThat(r.getString("error")).as("script error").isNull();
      assertThat(r.getInteger("events")).isEqualTo(2000);
      assertThat(r.getInteger("landed")).as("every seek showed the board after exactly its event").isEqualTo(300);
      System.out.printf("replay scrub, 2000 events (%d cards at the end), CPU %dx: build %.1f ms;"
          + " fold per position median %.2f ms, p95 %.2f ms; fold + board render median %.2f ms, p95 %.2f ms,"
          + " max %.2f ms%n", r.getInteger("liveCards"), rate, r.getDouble("buildMs"), r.getDouble("foldMedianMs"),
          r.getDouble("foldP95Ms"), r.getDouble("medianMs"), r.getDouble("p95Ms"), r.getDouble("maxMs"));
    }
  }
}
