package dev.breakout.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * One phone, driven by the keyboard alone, in English: the join page with a wrong code and a
 * group choice, a move by the instructor, and a countdown that speaks only at its marks. The
 * instructor is a protocol client here; the whole-exercise test drives the dashboard itself.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Joining by keyboard alone, in English, with a group choice, a move and spoken countdown marks")
class JoinByKeyboardBrowserTest {
  private TestServer server;
  private Browser phone;
  private TestSocket teacher;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    if (teacher != null) {
      teacher.close();
    }
    if (phone != null) {
      phone.closeWithScreenshot("last/keyboard-phone.png");
    }
    server.close();
  }

  @Test
  @DisplayName("wrong code, language toggle, Tab/arrows/Enter join into a chosen group, moved, 0:10 announced once")
  void keyboardJoin() throws Exception {
    String token = server.instructorToken();
    JsonObject created = server.createWorkshop(token, new JsonObject().put("groups", 3)
        .put("groupNames", new JsonArray(List.of("가람", "나래", "다솜"))).put("allowGroupChoice", true)
        .put("discussionSeconds", 14).put("presentationSeconds", 30).put("warningSeconds", 0));
    String code = created.getString("joinCode");
    String workshopId = created.getString("id");
    String wrong = code.equals("000000") ? "000001" : "000000";

    phone = Browser.phone("keyboard");
    phone.open(server.base() + "/");
    phone.waitFor("the join form", d -> phone.byTestId("join-code").isDisplayed());

    // A wrong code says so, in Korean first.
    phone.byTestId("join-code").sendKeys(wrong);
    phone.waitFor("the wrong-code message", d -> phone.visible("join-error")
        && phone.byTestId("join-error").getText().contains("참여 코드를 찾을 수 없습니다"));

    // English, kept across a reload; the html lang attribute follows.
    phone.byTestId("lang-toggle").click();
    phone.waitFor("English", d -> "en".equals(phone.js("return document.documentElement.lang")));
    assertThat(phone.byTestId("join-submit").getText()).isEqualTo("Join");
    phone.driver.navigate().refresh();
    phone.waitFor("English after a reload", d -> "en".equals(phone.js("return document.documentElement.lang"))
        && "Join".equals(phone.byTestId("join-submit").getText()));
    assertThat(phone.byTestId("privacy-note").getText()).contains("name", "until the instructor deletes the workshop");

    // Keyboard only: Tab to the code, type it, Tab to the name, Tab to the groups, arrows, Enter.
    Actions keys = new Actions(phone.driver);
    tabTo(phone, "join-code");
    WebElement codeField = phone.byTestId("join-code");
    codeField.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    keys.sendKeys(code).perform();
    phone.waitFor("the group choice", d -> phone.byTestId("join-group-g2").isDisplayed());
    keys.sendKeys(Keys.TAB).perform();
    assertThat(active(phone)).isEqualTo("join-name");
    keys.sendKeys("Kim Minsu").perform();
    keys.sendKeys(Keys.TAB).perform();
    assertThat(active(phone)).isEqualTo("join-group-auto");
    keys.sendKeys(Keys.ARROW_DOWN).perform();
    keys.sendKeys(Keys.ARROW_DOWN).perform();
    assertThat(active(phone)).isEqualTo("join-group-g2");
    // Focus is visible: a solid outline on the focused control.
    assertThat(phone.js("return getComputedStyle(document.activeElement).outlineStyle")).isEqualTo("solid");
    tabTo(phone, "join-submit");
    keys.sendKeys(Keys.ENTER).perform();
    phone.waitFor("the lobby", d -> phone.visible("lobby"));
    assertThat(phone.byTestId("lobby-group").getAttribute("data-group-id")).isEqualTo("g2");
    assertThat(phone.byTestId("lobby-group").getText()).isEqualTo("Your group: 나래");

    // The instructor moves the student: the phone follows into the new group.
    teacher = server.socket();
    teacher.send(new JsonObject().put("type", "hello").put("token", token).put("workshopId", workshopId));
    teacher.awaitType("welcome");
    String studentId = server.get("/api/workshops/" + workshopId, token).json().getJsonArray("students")
        .getJsonObject(0).getString("studentId");
    String move = teacher.op("student.move", new JsonObject().put("studentId", studentId).put("groupId", "g3"));
    assertThat(teacher.awaitReply(move).getString("type")).isEqualTo("ack");
    phone.waitFor("the new group", d -> "g3".equals(phone.byTestId("lobby-group").getAttribute("data-group-id")));
    assertThat(phone.byTestId("lobby-group").getText()).isEqualTo("Your group: 다솜");

    // The countdown speaks at 0:10, once, and not every second.
    phone.js("window.__spoken = [];"
        + "new MutationObserver(() => window.__spoken.push(document.getElementById('announcer').textContent))"
        + ".observe(document.getElementById('announcer'), {childList: true, characterData: true, subtree: true});");
    String start = teacher.op("exercise.start", new JsonObject());
    assertThat(teacher.awaitReply(start).getString("type")).isEqualTo("ack");
    phone.waitFor("the room", d -> phone.visible("room"));
    // The room is usable from the keyboard too: Tab reaches the first prompt's input.
    tabTo(phone, "card-input-p1");
    keys.sendKeys("Typed without a mouse").perform();
    keys.sendKeys(Keys.ENTER).perform();
    phone.waitFor("the card", d -> phone.texts(null, "card-text").contains("Typed without a mouse")
        && phone.driver.findElements(Browser.testId("card")).stream().noneMatch(c -> "true".equals(c.getAttribute("data-pending"))));
    phone.waitFor("the 0:10 announcement", Duration.ofSeconds(20),
        d -> "Ten seconds left.".equals(phone.byTestId("announcer").getAttribute("textContent")));
    phone.waitFor("the end of the discussion", Duration.ofSeconds(20),
        d -> !"discussion".equals(phone.byTestId("clock").getAttribute("data-kind")));
    assertThat(phone.js("return window.__spoken.filter(s => s).length")).as("announcements").isEqualTo(1L);
    assertThat(phone.scriptErrors()).isEmpty();
  }

  private static String active(Browser b) {
    Object id = b.js("return document.activeElement && document.activeElement.dataset.testid || ''");
    return id == null ? "" : id.toString();
  }

  /** Presses Tab until the element with this test id has the focus (at most 40 presses). */
  private static void tabTo(Browser b, String testId) {
    Actions keys = new Actions(b.driver);
    for (int i = 0; i < 40 && !testId.equals(active(b)); i++) {
      keys.sendKeys(Keys.TAB).perform();
    }
    assertThat(active(b)).as("Tab reaches " + testId).isEqualTo(testId);
  }
}
