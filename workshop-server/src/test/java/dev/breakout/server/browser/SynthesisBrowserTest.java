package dev.breakout.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.ServerProcess;
import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The class synthesis as an instructor uses it: groups write, the dashboard and the projector show
 * the ideas of the class and the lesson coverage, the instructor merges two ideas, and the merge is
 * still there after the server restarts.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The class synthesis in real browsers: dashboard, projector, a merge that survives a restart")
class SynthesisBrowserTest {
  private TestServer server;
  private final List<Browser> browsers = new ArrayList<>();
  private final List<TestSocket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Browser b : browsers) {
      try {
        b.screenshot("last/synthesis-" + b.name + ".png");
      } catch (RuntimeException e) {
        // A browser that died cannot show its last page.
      }
      b.close();
    }
    sockets.forEach(TestSocket::close);
    if (server != null) {
      server.close();
    }
  }

  @Test
  @DisplayName("cards from three groups → ideas with group counts on the dashboard and the projector → a merge kept across a restart")
  void synthesisEndToEnd(Vertx vertx) throws Exception {
    Path data = Files.createTempDirectory("synthesis-browser");
    Map<String, String> env = Map.of("WORKSHOP_DATA_DIR", data.toString(),
        "WORKSHOP_PORT", String.valueOf(ServerProcess.freePort()));
    server = TestServer.start(vertx, env);
    String instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groups", 3));
    String workshopId = created.getString("id");
    List<TestSocket> students = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonObject joined = server.join(created.getString("joinCode"), "학생" + (i + 1));
      TestSocket s = server.socket();
      sockets.add(s);
      s.send(new JsonObject().put("type", "hello").put("token", joined.getString("token")));
      s.awaitType("welcome");
      students.add(s);
    }

    // ---------------------------------------------------------------- the dashboard
    Browser teacher = track(Browser.desktop("instructor"));
    teacher.driver.manage().window().setSize(new Dimension(1440, 900));
    teacher.open(server.base() + "/instructor.html");
    teacher.byTestId("login-password").sendKeys(TestServer.PASSWORD);
    teacher.byTestId("login-submit").click();
    teacher.waitFor("the workshop list", d -> !teacher.allByTestId("workshop-open").isEmpty());
    teacher.byTestId("workshop-open").click();
    teacher.waitFor("the synthesis panel", d -> teacher.visible("synthesis-body"));
    teacher.byTestId("start-exercise").click();
    teacher.waitFor("the discussion", d -> teacher.byTestId("start-exercise").getAttribute("disabled") != null);

    card(students.get(0), "a1", "p1", "예산이 부족함");
    card(students.get(1), "b1", "p1", "예산 부족");
    card(students.get(2), "c1", "p1", "예산이 부족하다");
    card(students.get(0), "a2", "p1", "직원들의 변화에 대한 저항");
    card(students.get(1), "b2", "p1", "레거시 시스템과의 통합");
    card(students.get(2), "c2", "p2", "경영진의 지원 확보");
    card(students.get(0), "a3", "p3", "CI 파이프라인 구축");

    // Live: the three ways of writing "예산 부족" are one idea of three groups, first in its prompt.
    teacher.waitFor("the budget idea of 3 groups", d -> "3".equals(clusterAttr(teacher, "a1", "groups")));
    assertThat(teacher.texts("[data-testid=synthesis-prompt-p1] [data-testid=synthesis-cluster]", "synthesis-count"))
        .first().asString().contains("3");
    assertThat(clusterCards(teacher, "a1")).containsExactlyInAnyOrder("a1", "b1", "c1");
    assertThat(teacher.texts("[data-testid=synthesis-prompt-p1] [data-testid=synthesis-unique]", "synthesis-card"))
        .hasSize(2);
    String missed = teacher.byTestId("synthesis-missed").getText();
    assertThat(missed).startsWith("아무 조도 언급하지 않음:");

    // A new card shows on the dashboard within 2 s of its ack.
    long before = System.nanoTime();
    card(students.get(1), "b3", "p2", "경영진 지원을 받는다");
    teacher.waitFor("the new card in the synthesis", d -> clusterAttr(teacher, "b3", "groups") != null);
    long liveMs = (System.nanoTime() - before) / 1_000_000;
    System.out.println("card → dashboard synthesis: " + liveMs + " ms");
    assertThat(liveMs).as("a new card reaches the dashboard's synthesis").isLessThan(2_000);

    // ---------------------------------------------------------------- the projector
    Browser projector = track(Browser.desktop("projector"));
    projector.driver.manage().window().setSize(new Dimension(1920, 1080));
    projector.open(server.base() + "/projector.html?workshop=" + workshopId);
    projector.byTestId("login-password").sendKeys(TestServer.PASSWORD);
    projector.byTestId("login-submit").click();
    projector.waitFor("the synthesis toggle", d -> projector.visible("projector-synthesis-toggle"));
    projector.byTestId("projector-synthesis-toggle").click();
    projector.waitFor("the projector's ideas", d -> !projector.allByTestId("projector-idea").isEmpty());
    assertThat(projector.texts("[data-testid=projector-synthesis-p1]", "projector-idea-count")).first().asString()
        .contains("3개 조");
    assertThat(projector.byTestId("projector-synthesis-missed").getText()).startsWith("아무 조도 언급하지 않음:");
    assertThat(projector.js("const r = document.querySelector('[data-testid=projector-synthesis-missed]')"
        + ".getBoundingClientRect(); return r.bottom <= window.innerHeight;"))
        .as("the plenary view, lesson coverage included, fits one 1920x1080 screen").isEqualTo(true);
    projector.screenshot("synthesis-projector-1920.png");

    // ---------------------------------------------------------------- the instructor merges two ideas
    WebElement change = cluster(teacher, "a2");
    change.findElement(By.cssSelector("[data-testid=synthesis-edit] summary")).click();
    String target = clusterOf(teacher, "b2").getAttribute("data-cluster-id");
    new Select(change.findElement(Browser.testId("synthesis-merge-select"))).selectByValue(target);
    change.findElement(Browser.testId("synthesis-merge")).click();
    teacher.waitFor("the merged idea", d -> clusterCards(teacher, "a2").containsAll(List.of("a2", "b2")));
    assertThat(clusterAttr(teacher, "a2", "groups")).isEqualTo("2");
    teacher.screenshot("synthesis-dashboard-1440.png");
    projector.waitFor("the merged idea on the projector", d -> projector.texts("[data-testid=projector-synthesis-p1]",
        "projector-idea-count").stream().filter(t -> t.contains("2개 조")).count() >= 1);

    // ---------------------------------------------------------------- the server restarts
    server.close();
    server = TestServer.start(vertx, env);
    teacher.driver.navigate().refresh();
    teacher.waitFor("the synthesis after the restart", d -> clusterAttr(teacher, "a2", "groups") != null);
    assertThat(clusterCards(teacher, "a2")).containsExactlyInAnyOrder("a2", "b2");
    assertThat(clusterCards(teacher, "a1")).containsExactlyInAnyOrder("a1", "b1", "c1");
    projector.driver.navigate().refresh();
    projector.waitFor("the projector's synthesis after the restart", d -> projector.visible("projector-synthesis-toggle"));
    projector.byTestId("projector-synthesis-toggle").click();
    projector.waitFor("the merged idea on the projector after the restart", d -> projector.texts(
        "[data-testid=projector-synthesis-p1]", "projector-idea-count").stream().anyMatch(t -> t.contains("2개 조")));

    // In English too.
    teacher.byTestId("lang-toggle").click();
    teacher.waitFor("the English synthesis", d -> teacher.byTestId("synthesis-missed").getText()
        .startsWith("Raised by no group:"));
    teacher.js("document.querySelector('[data-testid=synthesis-panel]').scrollIntoView()");
    teacher.screenshot("synthesis-dashboard-en-1440.png");

    for (Browser b : browsers) {
      assertThat(b.scriptErrors()).as(b.name).isEmpty();
    }
  }

  private Browser track(Browser b) {
    browsers.add(b);
    return b;
  }

  private static void card(TestSocket student, String cardId, String prompt, String text) throws Exception {
    JsonObject reply = student.awaitReply(student.op("card.add",
        new JsonObject().put("cardId", cardId).put("prompt", prompt).put("text", text)));
    assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("ack");
  }

  /** The cluster on the dashboard that shows the card (its card list, not the move controls). */
  private static WebElement clusterOf(Browser b, String cardId) {
    return b.driver.findElement(By.xpath("//li[@data-testid='synthesis-card'][@data-card-id='" + cardId
        + "']/ancestor::li[@data-testid='synthesis-cluster']"));
  }

  private static WebElement cluster(Browser b, String cardId) {
    return clusterOf(b, cardId);
  }

  /** An attribute of the cluster holding the card, or null while no cluster shows it. */
  private static String clusterAttr(Browser b, String cardId, String data) {
    Object v = b.js("const card = document.querySelector('[data-testid=synthesis-card][data-card-id=\"' + arguments[0] + '\"]');"
        + "const c = card && card.closest('[data-testid=synthesis-cluster]'); return c ? c.dataset[arguments[1]] : null;",
        cardId, data);
    return v == null ? null : v.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<String> clusterCards(Browser b, String cardId) {
    Object v = b.js("const card = document.querySelector('[data-testid=synthesis-card][data-card-id=\"' + arguments[0] + '\"]');"
        + "const c = card && card.closest('[data-testid=synthesis-cluster]');"
        + "return c ? [...c.querySelectorAll('[data-testid=synthesis-card]')].map(e => e.dataset.cardId) : [];", cardId);
    return new ArrayList<>((List<String>) v);
  }
}
