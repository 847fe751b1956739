package dev.breakout.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.support.ui.Select;

/**
 * The instructor's dashboard with a class of 30 groups on a 1366×768 laptop (and 1280×720): a
 * help request cannot be missed, tiles show whole boards or a compact line each, they sort, sent
 * broadcasts are listed and can be withdrawn, the content opens wide; every state fits and passes
 * axe-core. Students are protocol clients.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The dashboard with 30 groups at 1366×768 and 1280×720: help first, compact tiles, broadcasts, wide content")
class DashboardScreensBrowserTest {
  private static final int GROUPS = 30;

  private TestServer server;
  private Browser laptop;
  private final List<TestSocket> sockets = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    sockets.forEach(TestSocket::close);
    if (laptop != null) {
      laptop.closeWithScreenshot("last/dashboard-laptop.png");
    }
    server.close();
  }

  private void check(String state) {
    problems.addAll(Axe.serious(laptop, state));
    problems.addAll(Layout.problems(laptop, state));
    laptop.screenshot("screens/dashboard-" + state + ".png");
  }

  /** A student of the workshop, connected: the socket sends that student's operations. */
  private TestSocket student(String code) throws Exception {
    JsonObject seat = server.join(code, "학생" + sockets.size());
    TestSocket s = server.socket();
    sockets.add(s);
    s.send(new JsonObject().put("type", "hello").put("token", seat.getString("token")));
    s.awaitType("welcome");
    return s;
  }

  private static void ack(TestSocket s, String type, JsonObject fields) throws InterruptedException {
    JsonObject reply = s.awaitReply(s.op(type, fields));
    assertThat(reply.getString("type")).as(type + ": " + reply).isEqualTo("ack");
  }

  @Test
  @DisplayName("help on top without scrolling, title and sound; 30 compact tiles on one screen; sort; withdraw a broadcast; wide content")
  void dashboardStates() throws Exception {
    String token = server.instructorToken();
    JsonObject created = server.createWorkshop(token, new JsonObject().put("groups", GROUPS));
    String code = created.getString("joinCode");
    String workshopId = created.getString("id");
    // Groups fill evenly: the n-th student sits in group n (g1..g30).
    List<TestSocket> students = new ArrayList<>();
    for (int i = 0; i < GROUPS; i++) {
      students.add(student(code));
    }

    laptop = Browser.desktop("dashboard");
    laptop.viewport(1366, 768);
    laptop.open(server.base() + "/instructor.html#/w/" + workshopId);
    laptop.byTestId("login-password").sendKeys(TestServer.PASSWORD);
    laptop.byTestId("login-submit").click();
    laptop.waitFor("30 tiles", d -> laptop.allByTestId("group-tile").size() == GROUPS);
    laptop.waitForJs("the content", "return document.querySelector('[data-testid=content-panel] [data-testid=diagram] svg')");
    // Thirty groups start compact; whole boards first.
    assertThat(laptop.byTestId("group-grid").getAttribute("data-density")).isEqualTo("compact");
    new Select(laptop.byTestId("tile-density")).selectByValue("comfortable");
    laptop.waitForJs("whole boards", "return document.querySelector('[data-testid=group-grid]').dataset.density === 'comfortable'");
    laptop.byTestId("start-exercise").click();
    laptop.waitFor("the discussion", d -> !laptop.byTestId("start-exercise").isEnabled());

    // A group writes a whole roadmap: the tile shows every step, nothing cut off.
    TestSocket writer = students.get(2);
    for (int i = 1; i <= 5; i++) {
      ack(writer, "card.add", new JsonObject().put("cardId", UUID.randomUUID().toString()).put("prompt", "p3")
          .put("text", i + "단계: 배포 자동화와 모니터링을 차례로 넓혀 가며 팀의 자신감을 쌓는다").put("label", i + "단계"));
    }
    ack(students.get(5), "card.add", new JsonObject().put("cardId", UUID.randomUUID().toString()).put("prompt", "p1").put("text", "예산 부족"));
    String g3 = "[data-testid=group-tile][data-group-id=g3]";
    laptop.waitFor("the roadmap on the tile", d -> laptop.texts(g3, "tile-card-text").size() == 5);
    assertThat((Boolean) laptop.js("const b = document.querySelector(arguments[0] + ' [data-testid=tile-board]');"
        + "return b.clientHeight > 100 && b.scrollHeight <= b.clientHeight + 1", g3)).as("the whole board on the tile").isTrue();
    // No disabled "도움 해결" on tiles that have nothing to resolve.
    assertThat(laptop.driver.findElements(Browser.testId("tile-help-clear")).stream().filter(e -> e.isDisplayed()).count()).isZero();
    assertThat(laptop.byTestId("tile-plus").getText()).contains("1분");
    check("1366-whole-boards");

    // A help request far down the list: a notice at the top, the tile first, the title changes.
    laptop.js("window.scrollTo(0, 0)");
    ack(students.get(16), "help.request", new JsonObject());
    laptop.waitFor("the help notice", d -> laptop.visible("help-alert")
        && laptop.texts("[data-testid=help-alert]", "help-alert-row").stream().anyMatch(t -> t.contains("17조")));
    assertThat((Boolean) laptop.js("const r = document.querySelector('[data-testid=help-alert]').getBoundingClientRect();"
        + "return scrollY === 0 && r.top >= 0 && r.bottom <= innerHeight")).as("visible without scrolling").isTrue();
    laptop.waitFor("the tab title", d -> d.getTitle().startsWith("⚑"));
    laptop.waitFor("the group's tile first", d -> "g17".equals(laptop.js(
        "return document.querySelector('[data-testid=group-tile]').dataset.groupId")));
    laptop.waitFor("how long it waited", d -> laptop.byTestId("help-alert").getText().matches("(?s).*\\d+초째.*"));
    check("1366-help");
    // Further down the page the notice stays in view.
    laptop.js("window.scrollTo(0, document.body.scrollHeight / 2)");
    assertThat((Boolean) laptop.js("const r = document.querySelector('[data-testid=help-alert]').getBoundingClientRect();"
        + "return r.top >= 0 && r.bottom <= innerHeight")).as("sticky while scrolled").isTrue();
    laptop.js("window.scrollTo(0, 0)");

    // The optional sound: a second request beeps once it is on.
    laptop.byTestId("help-sound").click();
    long beeps = Long.parseLong((String) laptop.js("return document.querySelector('[data-testid=help-alert]').dataset.beeps || '0'"));
    ack(students.get(24), "help.request", new JsonObject());
    laptop.waitFor("a beep for the new request", d -> Long.parseLong((String) laptop.js(
        "return document.querySelector('[data-testid=help-alert]').dataset.beeps || '0'")) > beeps);

    // Compact: 30 groups on one screen.
    new Select(laptop.byTestId("tile-density")).selectByValue("compact");
    laptop.waitForJs("compact tiles", "return document.querySelector('[data-testid=group-grid]').dataset.density === 'compact'");
    Object fits = laptop.js("const g = document.querySelector('[data-testid=group-grid]').getBoundingClientRect();"
        + "const tiles = [...document.querySelectorAll('[data-testid=group-tile]')].map(t => t.getBoundingClientRect());"
        + "return {height: g.height, width: g.width, right: Math.max(...tiles.map(r => r.right)), cut: tiles.filter(r => r.height < 20).length}");
    assertThat(((Number) ((Map<?, ?>) fits).get("height")).doubleValue()).as("the grid's height " + fits).isLessThanOrEqualTo(768 - 60);
    check("1366-compact");

    // The projector of a 30-group class: every group's progress fits beside the scenario.
    String dashboardWindow = laptop.driver.getWindowHandle();
    laptop.js("window.open('/projector.html?workshop=' + arguments[0], 'projector')", workshopId);
    String projectorWindow = laptop.waitFor("the projector window", d -> d.getWindowHandles().stream()
        .filter(h -> !h.equals(dashboardWindow)).findFirst().orElse(null));
    laptop.driver.switchTo().window(projectorWindow);
    for (int[] size : new int[][] {{1366, 768}, {1920, 1080}}) {
      laptop.viewport(size[0], size[1]);
      laptop.waitFor("30 groups' progress", d -> laptop.allByTestId("projector-group").size() == GROUPS);
      String at = "projector-30-groups-" + size[0] + "x" + size[1];
      problems.addAll(Axe.serious(laptop, at));
      problems.addAll(Layout.problems(laptop, at));
      laptop.screenshot("screens/dashboard-" + at + ".png");
    }
    laptop.driver.close();
    laptop.driver.switchTo().window(dashboardWindow);

    // Sorting: least active first puts a group that never wrote first; by number restores g1..g30.
    new Select(laptop.byTestId("tile-sort")).selectByValue("idle");
    laptop.waitFor("an idle group first", d -> {
      Object first = laptop.js("return document.querySelector('[data-testid=group-tile]').dataset.groupId");
      return !"g3".equals(first) && !"g6".equals(first) ? first : null;
    });
    new Select(laptop.byTestId("tile-sort")).selectByValue("number");
    laptop.waitFor("groups by number", d -> "g1".equals(laptop.js("return document.querySelector('[data-testid=group-tile]').dataset.groupId")));
    new Select(laptop.byTestId("tile-sort")).selectByValue("help");

    // A broadcast is listed, then withdrawn: it leaves the phones.
    laptop.byTestId("broadcast-input").sendKeys("2분 남았습니다.");
    laptop.byTestId("broadcast-send").click();
    laptop.waitFor("the sent broadcast listed", d -> laptop.texts(null, "sent-broadcast").stream().anyMatch(t -> t.contains("2분")));
    laptop.driver.findElement(org.openqa.selenium.By.cssSelector("[data-testid=sent-broadcasts-panel] summary")).click();
    laptop.waitFor("the list open", d -> laptop.byTestId("broadcast-withdraw").isDisplayed());
    check("1366-broadcasts");
    laptop.byTestId("broadcast-withdraw").click();
    laptop.waitFor("the broadcast gone from the list", d -> laptop.allByTestId("sent-broadcast").isEmpty());
    assertThat(students.get(0).awaitEvent("broadcast.withdrawn").getJsonObject("event").getLong("sentAt")).isPositive();

    // Resolving from the notice: the notice goes, the title comes back.
    for (String g : List.of("g17", "g25")) {
      laptop.driver.findElement(org.openqa.selenium.By.cssSelector(
          "[data-testid=help-alert-row][data-group-id=" + g + "] [data-testid=help-alert-clear]")).click();
      laptop.waitFor(g + " resolved", d -> laptop.driver.findElements(org.openqa.selenium.By.cssSelector(
          "[data-testid=help-alert-row][data-group-id=" + g + "]")).isEmpty());
    }
    laptop.waitFor("no help waiting", d -> !laptop.visible("help-alert") && !d.getTitle().startsWith("⚑"));

    // The teaching content, wide for talking points; Escape puts it back.
    laptop.byTestId("content-wide").click();
    laptop.waitFor("the content wide", d -> ((Number) laptop.js(
        "return document.querySelector('[data-testid=content-panel]').getBoundingClientRect().width")).doubleValue() > 1366 * 0.8);
    check("1366-content-wide");
    laptop.byTestId("content-wide").sendKeys(org.openqa.selenium.Keys.ESCAPE);
    laptop.waitFor("the content at the side", d -> ((Number) laptop.js(
        "return document.querySelector('[data-testid=content-panel]').getBoundingClientRect().width")).doubleValue() < 500);

    // A smaller laptop.
    laptop.viewport(1280, 720);
    for (int i : new int[] {9, 10, 11, 12}) {
      ack(students.get(i), "help.request", new JsonObject());
    }
    // Four waiting: the three longest waits with their buttons, the fourth counted; the bar stays small.
    laptop.waitFor("the help notice", d -> laptop.visible("help-alert") && laptop.allByTestId("help-alert-row").size() == 3
        && laptop.visible("help-alert-more"));
    assertThat(laptop.texts("[data-testid=help-alert]", "help-alert-row").get(0)).contains("10조");
    assertThat((Boolean) laptop.js("return document.querySelector('[data-testid=help-alert]').getBoundingClientRect().height < innerHeight * 0.25")).isTrue();
    check("1280-compact-help");
    new Select(laptop.byTestId("tile-density")).selectByValue("comfortable");
    laptop.waitForJs("whole boards", "return document.querySelector('[data-testid=group-grid]').dataset.density === 'comfortable'");
    check("1280-whole-boards");

    assertThat(problems).as("accessibility and layout problems").isEmpty();
    assertThat(laptop.scriptErrors()).isEmpty();
  }
}
