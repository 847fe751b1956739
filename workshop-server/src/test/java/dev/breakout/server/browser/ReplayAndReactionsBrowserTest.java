package dev.breakout.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The review page's replay in a real Chromium (the slider to a known moment shows the board of that
 * moment), and a reaction from a phone reaching the projector's spotlight live.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Replay and peer reactions in the browser")
class ReplayAndReactionsBrowserTest {
  private TestServer server;
  private String token;
  private final List<Browser> browsers = new ArrayList<>();
  private final List<TestSocket> sockets = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("WORKSHOP_TIME_ZONE", "Asia/Seoul"));
    token = server.instructorToken();
  }

  @AfterEach
  void stop() throws Exception {
    for (TestSocket s : sockets) {
      s.close();
    }
    for (Browser b : browsers) {
      b.closeWithScreenshot("last/replay-" + b.name + ".png");
    }
    server.close();
  }

  private Browser track(Browser b) {
    browsers.add(b);
    return b;
  }

  private TestSocket socket(String hello) throws Exception {
    TestSocket s = server.socket();
    sockets.add(s);
    s.send(new JsonObject().put("type", "hello").put("token", hello));
    s.awaitType("welcome");
    return s;
  }

  private TestSocket teacher(String workshopId) throws Exception {
    TestSocket s = server.socket();
    sockets.add(s);
    s.send(new JsonObject().put("type", "hello").put("token", token).put("workshopId", workshopId));
    s.awaitType("welcome");
    return s;
  }

  private static void ok(TestSocket s, String type, JsonObject fields) throws InterruptedException {
    assertThat(s.awaitReply(s.op(type, fields)).getString("type")).as(type).isEqualTo("ack");
  }

  /** Logs the browser in on the review page (its token stays in this tab's sessionStorage). */
  private void login(Browser b) {
    b.open(server.base() + "/review.html");
    b.waitFor("the login form", d -> b.visible("login-password"));
    b.byTestId("login-password").sendKeys(TestServer.PASSWORD);
    b.byTestId("login-submit").click();
    b.waitFor("the list of workshops", d -> b.visible("review-list"));
  }

  private JsonArray groupLog(String id) {
    return server.get("/api/workshops/" + id + "/export?format=json", token).json()
        .getJsonArray("groups").getJsonObject(0).getJsonArray("log");
  }

  private long lastAt(String id) {
    JsonArray log = groupLog(id);
    return log.getJsonObject(log.size() - 1).getLong("at");
  }

  private static List<String> cardTexts(Browser b) {
    return b.texts("[data-testid=replay-board]", "replay-card-text");
  }

  private void slideTo(Browser b, long at) {
    b.js("const s = document.querySelector('[data-testid=replay-slider]'); s.value = String(arguments[0]);"
        + " s.dispatchEvent(new Event('input', {bubbles: true}));", at);
  }

  @Test
  @DisplayName("The slider at a known moment shows the board as it stood then; play runs to the end")
  void replayShowsTheBoardOfAMoment() throws Exception {
    JsonObject created = server.createWorkshop(token, new JsonObject().put("groups", 2));
    String id = created.getString("id");
    JsonObject a = server.join(created.getString("joinCode"), "김하나");
    TestSocket teacher = teacher(id);
    TestSocket sa = socket(a.getString("token"));
    ok(teacher, "exercise.start", new JsonObject());
    ok(sa, "card.add", new JsonObject().put("cardId", "c1").put("prompt", "p1").put("text", "레거시 통합"));
    ok(sa, "card.add", new JsonObject().put("cardId", "c2").put("prompt", "p2").put("text", "작은 성공"));
    long secondAdded = lastAt(id);
    // The known moment must be the second card's alone: a loopback round trip can take less than
    // a millisecond, so let the server's clock pass it before the edit.
    Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(1))
        .until(() -> System.currentTimeMillis() > secondAdded);
    ok(sa, "card.edit", new JsonObject().put("cardId", "c1").put("text", "레거시 ERP 통합"));
    ok(sa, "card.delete", new JsonObject().put("cardId", "c2"));
    JsonArray log = groupLog(id);
    assertThat(log.getJsonObject(log.size() - 2).getLong("at")).as("the edit comes later").isGreaterThan(secondAdded);

    Browser laptop = track(Browser.desktop("review"));
    login(laptop);
    laptop.waitFor("the workshop in the list", d -> !laptop.allByTestId("review-row").isEmpty());
    assertThat(laptop.byTestId("review-row-date").getText()).contains("2026");
    assertThat(laptop.byTestId("review-row-students").getText()).isEqualTo("1");
    laptop.byTestId("review-open").click();
    laptop.waitFor("the replay at the end", d -> cardTexts(laptop).equals(List.of("레거시 ERP 통합")));
    assertThat(laptop.byTestId("replay").getAttribute("data-group-id")).isEqualTo("g1");

    slideTo(laptop, secondAdded);
    laptop.waitFor("both cards as first written", d -> cardTexts(laptop).equals(List.of("레거시 통합", "작은 성공")));
    assertThat(laptop.byTestId("replay").getAttribute("data-time")).isEqualTo(String.valueOf(secondAdded));
    assertThat(laptop.byTestId("replay-board").getText()).contains("김하나");
    assertThat(laptop.byTestId("replay-phase").getText()).isNotBlank();

    slideTo(laptop, log.getJsonObject(0).getLong("at") - 1);
    laptop.waitFor("an empty board before anything", d -> cardTexts(laptop).isEmpty());
    laptop.byTestId("replay-play").click();
    laptop.waitFor("the play to reach the end", d -> cardTexts(laptop).equals(List.of("레거시 ERP 통합"))
        && String.valueOf(log.size()).equals(laptop.byTestId("replay").getAttribute("data-events")));

    // The analytics of the same workshop, read-only, in English too.
    assertThat(laptop.texts(null, "review-analytics-row")).hasSize(2);
    laptop.byTestId("lang-toggle").click();
    laptop.waitFor("English", d -> laptop.byTestId("review-participation").getText().startsWith("Participation: 1 of 1"));
    laptop.screenshot("review-1400.png");
    for (int[] size : new int[][] {{390, 844}, {1920, 1080}}) {
      laptop.driver.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
      laptop.waitForJs("the page laid out at " + size[0], "return document.documentElement.clientWidth <= arguments[0]", size[0]);
      laptop.driver.findElement(Browser.testId("replay")).getLocation();
      laptop.js("document.querySelector('[data-testid=replay]').scrollIntoView()");
      laptop.screenshot("review-replay-" + size[0] + ".png");
    }
    assertThat(laptop.scriptErrors()).isEmpty();
  }

  @Test
  @DisplayName("A 👍 from a phone during the presentation reaches the projector's spotlight, and taking it back too")
  void reactionReachesTheProjector() throws Exception {
    JsonObject created = server.createWorkshop(token, new JsonObject().put("groups", 2));
    String id = created.getString("id");
    String code = created.getString("joinCode");
    TestSocket teacher = teacher(id);

    Browser phone = track(Browser.phone("reactor"));
    phone.open(server.base() + "/join?code=" + code);
    phone.waitFor("the code from the link", d -> code.equals(phone.byTestId("join-code").getAttribute("value")));
    phone.byTestId("join-name").sendKeys("박하나");
    phone.byTestId("join-submit").click();
    phone.waitFor("the lobby", d -> phone.visible("lobby"));
    assertThat(phone.byTestId("lobby-group").getAttribute("data-group-id")).isEqualTo("g1");
    TestSocket other = socket(server.join(code, "이둘").getString("token"));

    ok(teacher, "exercise.start", new JsonObject());
    ok(other, "card.add", new JsonObject().put("cardId", "b1").put("prompt", "p1").put("text", "경영진 설득"));
    ok(teacher, "phase.next", new JsonObject());
    ok(teacher, "spotlight", new JsonObject().put("groupId", "g2"));

    Browser projector = track(Browser.desktop("projector"));
    login(projector);
    projector.open(server.base() + "/projector.html?workshop=" + id);
    projector.waitFor("g2 on the projector", d -> projector.texts(null, "projector-card-text").contains("경영진 설득"));
    assertThat(projector.allByTestId("reaction-counts")).isEmpty();

    phone.waitFor("g2's card with reaction buttons", d -> phone.visible("spotlight")
        && !phone.allByTestId("react-agree").isEmpty());
    phone.byTestId("react-agree").click();
    projector.waitFor("the 👍 on the projector", d -> {
      var counts = projector.allByTestId("reaction-counts");
      return counts.size() == 1 && "1".equals(counts.get(0).getAttribute("data-agree"));
    });
    phone.waitFor("the button pressed", d -> "true".equals(phone.byTestId("react-agree").getAttribute("aria-pressed")));
    phone.screenshot("reaction-phone-390.png");
    projector.screenshot("reaction-projector.png");

    phone.byTestId("react-agree").click();
    projector.waitFor("the 👍 taken back", d -> projector.allByTestId("reaction-counts").isEmpty());
    assertThat(phone.scriptErrors()).isEmpty();
    assertThat(projector.scriptErrors()).isEmpty();
  }

  @Test
  @DisplayName("A gallery added at creation opens the other groups' boards on a phone, to read and react to")
  void galleryOnAPhone() throws Exception {
    JsonObject created = server.createWorkshop(token, new JsonObject().put("groups", 2).put("gallerySeconds", 90));
    String id = created.getString("id");
    String code = created.getString("joinCode");
    JsonArray phases = server.get("/api/workshops/" + id, token).json().getJsonObject("workshop").getJsonArray("phases");
    assertThat(phases.getJsonObject(1).getString("kind")).isEqualTo("gallery");
    TestSocket teacher = teacher(id);
    Browser phone = track(Browser.phone("gallery"));
    phone.open(server.base() + "/join?code=" + code);
    phone.waitFor("the code from the link", d -> code.equals(phone.byTestId("join-code").getAttribute("value")));
    phone.byTestId("join-name").sendKeys("최갤러리");
    phone.byTestId("join-submit").click();
    phone.waitFor("the lobby", d -> phone.visible("lobby"));
    TestSocket other = socket(server.join(code, "정둘").getString("token"));
    ok(teacher, "exercise.start", new JsonObject());
    ok(other, "card.add", new JsonObject().put("cardId", "g2c").put("prompt", "p2").put("text", "작은 성공부터"));
    ok(teacher, "phase.next", new JsonObject());

    phone.waitFor("the gallery with group 2's board", d -> phone.visible("gallery")
        && phone.texts("[data-testid=gallery]", "gallery-card-text").contains("작은 성공부터"));
    phone.byTestId("react-new").click();
    phone.waitFor("the 💡 given", d -> "true".equals(phone.byTestId("react-new").getAttribute("aria-pressed"))
        && phone.byTestId("react-new").getText().endsWith("1"));
    JsonObject g2 = server.get("/api/workshops/" + id, token).json().getJsonArray("groups").getJsonObject(1);
    assertThat(g2.getJsonObject("reactions").getJsonObject("g2c").getInteger("new")).isEqualTo(1);
    phone.screenshot("gallery-phone-390.png");
    assertThat(phone.scriptErrors()).isEmpty();
  }

  @Test
  @DisplayName("The dashboard flags a group with no card after the configured seconds of discussion, and clears it when a card comes; counts and review link on the dashboard")
  void nudgeOnTheDashboard(Vertx vertx) throws Exception {
    server.close();
    server = TestServer.start(vertx, Map.of("WORKSHOP_NUDGE_NO_CARD_SECONDS", "2", "WORKSHOP_NUDGE_IDLE_SECONDS", "3600"));
    token = server.instructorToken();
    JsonObject created = server.createWorkshop(token, new JsonObject().put("groups", 2));
    String id = created.getString("id");
    TestSocket a = socket(server.join(created.getString("joinCode"), "한나").getString("token"));
    socket(server.join(created.getString("joinCode"), "두리").getString("token"));

    Browser laptop = track(Browser.desktop("dashboard"));
    laptop.open(server.base() + "/instructor.html");
    laptop.byTestId("login-password").sendKeys(TestServer.PASSWORD);
    laptop.byTestId("login-submit").click();
    laptop.waitFor("the workshop list", d -> laptop.visible("workshop-list"));
    laptop.open(server.base() + "/instructor.html#/w/" + id);
    laptop.waitFor("two tiles", d -> laptop.allByTestId("group-tile").size() == 2);
    assertThat(laptop.byTestId("open-review").getAttribute("href")).endsWith("/review.html#/w/" + id);
    laptop.byTestId("start-exercise").click();
    laptop.waitFor("both groups flagged: no card after 2 s", d -> laptop.allByTestId("tile-nudge").stream()
        .filter(e -> e.isDisplayed() && "no-card".equals(e.getAttribute("data-flags"))).count() == 2);
    ok(a, "card.add", new JsonObject().put("cardId", "n1").put("prompt", "p1").put("text", "이제 씁니다"));
    laptop.waitFor("g1's flag cleared", d -> {
      var tile = laptop.driver.findElement(org.openqa.selenium.By.cssSelector("[data-testid=group-tile][data-group-id=g1]"));
      return !tile.findElement(Browser.testId("tile-nudge")).isDisplayed();
    });
    laptop.screenshot("dashboard-nudge-1400.png");
    assertThat(laptop.scriptErrors()).isEmpty();
  }
}
