package dev.breakout.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;

/**
 * The projector as the room's screen, on a laptop's 1366×768 and 1280×720 outputs and a
 * 1920×1080 projector: arriving names; during the discussion the scenario, the prompts and every
 * group's progress with the join code small in a corner; a presenting group's whole board, however
 * long (shrunk, in columns, or in pages turned with the keys); at the end every group's board and
 * no bare 0:00. Every state fits and passes axe-core.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The projector: arrivals, discussion overview, a long board fitted or paged, the wrap-up")
class ProjectorScreensBrowserTest {
  private TestServer server;
  private Browser screen;
  private final List<TestSocket> sockets = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    sockets.forEach(TestSocket::close);
    if (screen != null) {
      screen.closeWithScreenshot("last/projector.png");
    }
    server.close();
  }

  private void check(String state) {
    for (int[] size : new int[][] {{1366, 768}, {1280, 720}, {1920, 1080}}) {
      screen.viewport(size[0], size[1]);
      // The fit is redone on a resize; wait for the new layout.
      screen.waitForJs("the layout after a resize", "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
      String at = state + "-" + size[0] + "x" + size[1];
      problems.addAll(Axe.serious(screen, at));
      problems.addAll(Layout.problems(screen, at));
      screen.screenshot("screens/projector-" + at + ".png");
    }
    screen.viewport(1366, 768);
  }

  private TestSocket connect(JsonObject hello) throws Exception {
    TestSocket s = server.socket();
    sockets.add(s);
    s.send(hello);
    s.awaitType("welcome");
    return s;
  }

  private static void ack(TestSocket s, String type, JsonObject fields) throws InterruptedException {
    JsonObject reply = s.awaitReply(s.op(type, fields));
    assertThat(reply.getString("type")).as(type + ": " + reply).isEqualTo("ack");
  }

  @Test
  @DisplayName("names arriving, discussion overview with a corner QR, a long board that always fits, a wrap-up instead of 0:00")
  void projectorStates() throws Exception {
    String token = server.instructorToken();
    JsonObject created = server.createWorkshop(token, new JsonObject().put("groups", 3));
    String code = created.getString("joinCode");
    String workshopId = created.getString("id");
    TestSocket teacher = connect(new JsonObject().put("type", "hello").put("token", token).put("workshopId", workshopId));
    List<TestSocket> students = new ArrayList<>();
    for (String name : List.of("김민수", "이영희", "박지훈")) {
      JsonObject seat = server.join(code, name);
      students.add(connect(new JsonObject().put("type", "hello").put("token", seat.getString("token"))));
    }

    screen = Browser.desktop("projector");
    screen.viewport(1366, 768);
    screen.open(server.base() + "/instructor.html");
    screen.byTestId("login-password").sendKeys(TestServer.PASSWORD);
    screen.byTestId("login-submit").click();
    screen.waitFor("logged in", d -> screen.visible("logout"));
    screen.open(server.base() + "/projector.html?workshop=" + workshopId);

    // The join screen lists who arrives, as they arrive.
    screen.waitFor("three names", d -> screen.texts(null, "projector-name").size() == 3);
    server.join(code, "최수아");
    screen.waitFor("a fourth name, newest first", d -> {
      List<String> names = screen.texts(null, "projector-name");
      return names.size() == 4 && names.get(0).equals("최수아");
    });
    check("join");

    // The discussion: what to work on, everyone's progress, and a small join corner.
    ack(teacher, "exercise.start", new JsonObject());
    TestSocket busy = students.get(0);
    String longText = "레거시 ERP와 새 파이프라인을 함께 운영하는 동안 배포 창을 주 1회로 묶고, 변경마다 자동 회귀 시험을 돌려 위험을 줄인다";
    for (int i = 1; i <= 16; i++) {
      ack(busy, "card.add", new JsonObject().put("cardId", UUID.randomUUID().toString()).put("prompt", i % 2 == 0 ? "p1" : "p2")
          .put("text", i + ". " + longText));
    }
    for (int i = 1; i <= 4; i++) {
      ack(busy, "card.add", new JsonObject().put("cardId", UUID.randomUUID().toString()).put("prompt", "p3")
          .put("text", "단계 " + i + ": " + longText).put("label", i + "단계 (" + (i * 3 - 3) + "-" + (i * 3) + "개월)"));
    }
    ack(students.get(1), "group.submit", new JsonObject().put("submitted", true));
    screen.waitFor("the discussion overview", d -> screen.visible("projector-discussion"));
    screen.waitFor("every group's progress", d -> screen.allByTestId("projector-group").size() == 3
        && screen.texts("[data-testid=projector-group][data-group-id=g1]", "projector-count-cell").equals(List.of("8", "8", "4")));
    assertThat(screen.texts(null, "projector-prompts").get(0)).contains("장애물");
    assertThat(screen.byTestId("projector-scenario").getText()).isNotBlank();
    assertThat(screen.visible("projector-corner")).isTrue();
    assertThat(screen.byTestId("projector-corner").getText()).contains(code);
    // The room's screen is used: the overview fills most of the height below the clock.
    assertThat((Boolean) screen.js("const d = document.querySelector('[data-testid=projector-discussion]').getBoundingClientRect();"
        + "return d.bottom > innerHeight * 0.6")).as("no mostly blank screen").isTrue();
    check("discussion");

    // The presentations: the busy group's long board always fits (or pages), steps as steps.
    ack(teacher, "phase.next", new JsonObject());
    ack(teacher, "presentation.start", new JsonObject());
    screen.waitFor("the spotlight", d -> screen.visible("projector-spotlight")
        && "g1".equals(screen.byTestId("projector-spotlight").getAttribute("data-group-id")));
    screen.waitFor("the board drawn", d -> screen.texts(null, "projector-card-text").size() == 20);
    for (int[] size : new int[][] {{1366, 768}, {1280, 720}, {1920, 1080}}) {
      screen.viewport(size[0], size[1]);
      screen.waitForJs("the fit redone", "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
      assertThat(cardsSeenOnEveryPage()).as("every card on some page at " + size[0] + "x" + size[1]).hasSize(20);
    }
    screen.viewport(1366, 768);
    screen.waitForJs("the fit redone", "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
    assertThat(Integer.parseInt(screen.byTestId("projector-fit").getAttribute("data-pages"))).as("a board this long needs pages").isGreaterThan(1);

    // The instructor turns the pages from the dashboard (same browser, another window).
    String projectorWindow = screen.driver.getWindowHandle();
    screen.js("window.open('/instructor.html#/w/' + arguments[0], 'dashboard')", workshopId);
    String dashboardWindow = screen.waitFor("the dashboard window", d -> d.getWindowHandles().stream()
        .filter(h -> !h.equals(projectorWindow)).findFirst().orElse(null));
    screen.driver.switchTo().window(dashboardWindow);
    screen.waitFor("the projector's pages on the dashboard", d -> screen.visible("remote-pager")
        && screen.byTestId("remote-page").getText().contains("1/"));
    screen.byTestId("remote-next").click();
    screen.driver.switchTo().window(projectorWindow);
    screen.waitFor("the projector on page 2", d -> "1".equals(screen.byTestId("projector-fit").getAttribute("data-page")));
    screen.driver.switchTo().window(dashboardWindow);
    screen.waitFor("the dashboard following", d -> screen.byTestId("remote-page").getText().contains("2/"));
    screen.byTestId("remote-prev").click();
    screen.driver.close();
    screen.driver.switchTo().window(projectorWindow);
    screen.waitFor("the projector back on page 1", d -> "0".equals(screen.byTestId("projector-fit").getAttribute("data-page")));

    // Steps: the text beside its number, indented, never back under it.
    assertThat((Boolean) screen.js("return [...document.querySelectorAll('#proj-board .board-cards.steps .board-card')].every(c => {"
        + "const n = c.querySelector('.step-no').getBoundingClientRect(); const t = c.querySelector('.board-card-text').getBoundingClientRect();"
        + "return t.left >= n.right - 1; })")).isTrue();
    check("spotlight");

    // The end: the groups' work, a place for the class synthesis, and no bare 0:00.
    ack(teacher, "workshop.end", new JsonObject());
    screen.waitFor("the wrap-up", d -> screen.visible("projector-end"));
    screen.waitFor("every group with members", d -> screen.allByTestId("projector-wrap-group").size() == 3);
    assertThat(screen.visible("clock")).isFalse();
    assertThat(screen.driver.findElement(org.openqa.selenium.By.tagName("body")).getText()).doesNotContain("0:00");
    assertThat(screen.allByTestId("projector-synthesis")).hasSize(1);
    check("end");

    assertThat(problems).as("accessibility and layout problems").isEmpty();
    assertThat(screen.scriptErrors()).isEmpty();
  }

  /**
   * The spotlight's cards that are inside its frame on some page, turning pages with the keys a
   * presentation clicker sends; on one page, those fully inside the frame.
   */
  @SuppressWarnings("unchecked")
  private Set<String> cardsSeenOnEveryPage() {
    String visible = "const f = document.querySelector('[data-testid=projector-fit]').getBoundingClientRect();"
        + "return [...document.querySelectorAll('[data-testid=projector-card]')].filter(c => { const r = c.getBoundingClientRect();"
        + "return r.left >= f.left - 1 && r.right <= f.right + 1 && r.top >= f.top - 1 && r.bottom <= f.bottom + 1; })"
        + ".map(c => c.dataset.cardId);";
    Set<String> seen = new HashSet<>((List<String>) screen.js(visible));
    int pages = Integer.parseInt(screen.byTestId("projector-fit").getAttribute("data-pages"));
    for (int page = 1; page < pages; page++) {
      screen.driver.findElement(org.openqa.selenium.By.tagName("body")).sendKeys(Keys.PAGE_DOWN);
      int expected = page;
      screen.waitFor("page " + (page + 1), d -> String.valueOf(expected).equals(screen.byTestId("projector-fit").getAttribute("data-page")));
      seen.addAll((List<String>) screen.js(visible));
    }
    for (int page = pages - 1; page > 0; page--) {
      screen.driver.findElement(org.openqa.selenium.By.tagName("body")).sendKeys(Keys.PAGE_UP);
    }
    return seen;
  }
}
