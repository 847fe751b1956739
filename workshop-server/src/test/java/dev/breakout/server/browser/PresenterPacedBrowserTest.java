package dev.breakout.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two phones through a handover with a preparation countdown, where the presenting group moves
 * the class on itself (decision 010). The instructor is a protocol client; the whole-exercise
 * test drives the dashboard's start and next buttons.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Phones through a countdown handover where the presenting group moves on itself")
class PresenterPacedBrowserTest {
  private TestServer server;
  private final List<Browser> phones = new ArrayList<>();
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
    for (Browser p : phones) {
      p.closeWithScreenshot("last/presenter-" + p.name + ".png");
    }
    server.close();
  }

  private static String mode(Browser p) {
    return p.byTestId("clock").getAttribute("data-mode");
  }

  @Test
  @DisplayName("countdown, then group 1 presents and hands over from its phone, group 2 ends the presentations")
  void presentersMoveOn() throws Exception {
    String token = server.instructorToken();
    JsonObject created = server.createWorkshop(token, new JsonObject().put("groups", 2)
        .put("discussionSeconds", 3).put("presentationSeconds", 60).put("warningSeconds", 0).put("graceSeconds", 1)
        .put("presentation", new JsonObject().put("start", "countdown").put("prepSeconds", 3)
            .put("presenterAdvances", true)));
    String code = created.getString("joinCode");
    for (String name : List.of("김민수", "이영희")) {
      Browser phone = Browser.phone("presenter-" + phones.size());
      phones.add(phone);
      phone.open(server.base() + "/join?code=" + code);
      phone.waitFor("the code from the link", d -> code.equals(phone.byTestId("join-code").getAttribute("value")));
      phone.byTestId("join-name").sendKeys(name);
      phone.byTestId("join-submit").click();
      phone.waitFor("the lobby", d -> phone.visible("lobby"));
    }
    Browser one = phones.get(0);
    Browser two = phones.get(1);
    assertThat(one.byTestId("lobby-group").getAttribute("data-group-id")).isEqualTo("g1");
    assertThat(two.byTestId("lobby-group").getAttribute("data-group-id")).isEqualTo("g2");

    teacher = server.socket();
    teacher.send(new JsonObject().put("type", "hello").put("token", token).put("workshopId", created.getString("id")));
    teacher.awaitType("welcome");
    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));

    // The discussion ends into the preparation countdown, the same on both phones.
    for (Browser p : phones) {
      p.waitFor("the countdown", Duration.ofSeconds(10), d -> "countdown".equals(mode(p)));
      assertThat(p.visible("spotlight")).isFalse();
      assertThat(p.visible("presenter-next")).isFalse();
    }
    // Then group 1 presents; only its phones offer to move on.
    for (Browser p : phones) {
      p.waitFor("the first slot", Duration.ofSeconds(10), d -> "slot".equals(mode(p)));
    }
    one.waitFor("the hand-over button", d -> one.visible("presenter-next"));
    assertThat(two.visible("presenter-next")).isFalse();
    assertThat(one.byTestId("clock-note").getText()).isEqualTo(two.byTestId("clock-note").getText()).contains("(1/2)");
    one.screenshot("student-presenting-own.png");
    assertThat(Axe.serious(one, "presenting, hand-over button")).isEmpty();
    assertThat(Layout.problems(one, "presenting, hand-over button")).isEmpty();

    one.byTestId("presenter-next").click();
    two.waitFor("group 2 presenting", d -> two.visible("spotlight")
        && "g2".equals(two.byTestId("spotlight").getAttribute("data-group-id")) && two.visible("presenter-next"));
    one.waitFor("group 1 handed over", d -> !one.visible("presenter-next")
        && one.byTestId("clock-note").getText().contains("(2/2)"));

    two.byTestId("presenter-next").click();
    for (Browser p : phones) {
      p.waitFor("the end", d -> "ended".equals(p.byTestId("clock").getAttribute("data-kind")));
    }
  }
}
