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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A student's phone at 360×740, the smallest common Android screen, through a whole discussion:
 * every state fits the screen and passes axe-core with no serious or critical violation; one
 * notice at a time; light cards; short tabs; the composer at the bottom. The instructor is a
 * protocol client here.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A 360×740 phone through a discussion: fits, accessible, one notice at a time, light cards")
class PhoneScreensBrowserTest {
  private TestServer server;
  private Browser phone;
  private TestSocket teacher;
  private final List<String> problems = new ArrayList<>();

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
      phone.closeWithScreenshot("last/phone-360.png");
    }
    server.close();
  }

  /** Axe and the layout check on the page as it is; problems are collected and asserted at the end. */
  private void check(String state) {
    problems.addAll(Axe.serious(phone, state));
    problems.addAll(Layout.problems(phone, state));
    phone.screenshot("screens/phone-360-" + state + ".png");
  }

  private String instructor(String type, JsonObject fields) throws InterruptedException {
    String opId = teacher.op(type, fields);
    JsonObject reply = teacher.awaitReply(opId);
    assertThat(reply.getString("type")).as(type + ": " + reply).isEqualTo("ack");
    return opId;
  }

  @Test
  @DisplayName("join, lobby, room, notices, card menu, submit, offline, English, presentation: every state fits and passes axe")
  void phoneStates() throws Exception {
    String token = server.instructorToken();
    JsonObject created = server.createWorkshop(token, new JsonObject().put("groups", 2));
    String code = created.getString("joinCode");
    teacher = server.socket();
    teacher.send(new JsonObject().put("type", "hello").put("token", token).put("workshopId", created.getString("id")));
    teacher.awaitType("welcome");

    phone = Browser.phone("phone-360", 360, 740);
    phone.open(server.base() + "/join?code=" + code);
    phone.waitFor("the workshop found from the code", d -> phone.visible("join-workshop"));
    check("join");
    phone.byTestId("join-name").sendKeys("김민수");
    phone.byTestId("join-submit").click();
    phone.waitFor("the lobby", d -> phone.visible("lobby"));
    // "상황과 조건" shows that it opens: a marker drawn before the summary.
    assertThat(phone.js("return getComputedStyle(document.querySelector('#screen-lobby details.scenario summary'), '::before').content"))
        .asString().contains("▸");
    check("lobby");

    instructor("exercise.start", new JsonObject());
    phone.waitFor("the room", d -> phone.visible("room"));

    // Tabs: short labels that are not cut off; the full prompt (the column's title) describes the tab.
    for (String p : List.of("p1", "p2", "p3")) {
      WebElement tab = phone.byTestId("tab-" + p);
      assertThat(tab.findElement(By.cssSelector(".tab-text")).getText().length()).as("tab " + p).isLessThanOrEqualTo(12);
      assertThat(tab.getAttribute("aria-describedby")).isEqualTo("col-title-" + p);
    }
    assertThat(phone.byTestId("tab-p1").findElement(By.cssSelector(".tab-text")).getText()).isEqualTo("장애물");
    // No "Shift+Enter" on a touch screen.
    assertThat((String) phone.js("const h = document.getElementById('add-hint-p1'); return h.hidden ? '' : h.textContent"))
        .doesNotContain("Shift");

    // Cards: the text is the button that edits; the rest is behind one "⋯".
    addCard("p1", "레거시 시스템과의 통합 어려움");
    phone.byTestId("tab-p3").click();
    WebElement label = phone.byTestId("card-label-input-p3");
    label.sendKeys("1단계 (0-3개월)");
    addCard("p3", "CI 파이프라인 구축과 자동 테스트 도입으로 배포 위험을 줄이고 작은 성공을 만들기");
    addCard("p3", "모니터링 도입");
    WebElement step = cardIn("p3", 0);
    assertThat(step.findElements(Browser.testId("card-delete"))).as("delete hidden until the menu opens")
        .allSatisfy(e -> assertThat(e.isDisplayed()).isFalse());
    // The step's text runs beside its number, never back under it.
    assertThat((Boolean) phone.js("const c = arguments[0]; const n = c.querySelector('.step-no').getBoundingClientRect();"
        + "const t = c.querySelector('.card-text').getBoundingClientRect(); return t.left >= n.right && t.height > n.height", step)).isTrue();
    // The composer stays at the bottom of the screen while the list scrolls.
    phone.js("window.scrollTo(0, 0)");
    assertThat((Boolean) phone.js("const f = document.querySelector('#col-p3 .add-card').getBoundingClientRect();"
        + "const c = document.getElementById('col-p3').getBoundingClientRect();"
        + "return c.bottom > innerHeight ? Math.abs(f.bottom - innerHeight) <= 2 : f.bottom <= innerHeight")).as("the composer sits on the bottom edge").isTrue();
    step.findElement(Browser.testId("card-menu")).click();
    phone.waitFor("the card menu", d -> cardIn("p3", 0).findElement(Browser.testId("card-down")).isDisplayed());
    check("room-card-menu");
    cardIn("p3", 0).findElement(Browser.testId("card-down")).click();
    phone.waitFor("the steps reordered", d -> phone.texts("[data-testid=prompt-p3]", "card-text").get(0).equals("모니터링 도입"));
    cardIn("p3", 0).findElement(Browser.testId("card-edit")).click();
    WebElement editor = phone.waitFor("the editor opened by tapping the card", d -> phone.byTestId("card-edit-input"));
    editor.sendKeys(" 강화");
    phone.byTestId("card-save").click();
    phone.waitFor("the edit saved", d -> phone.texts("[data-testid=prompt-p3]", "card-text").contains("모니터링 도입 강화"));

    // One notice at a time: the newest broadcast shows, the other is one tap away.
    instructor("broadcast", new JsonObject().put("text", "3분 남았습니다."));
    instructor("broadcast", new JsonObject().put("text", "로드맵에 시기를 꼭 적어 주세요."));
    phone.waitFor("the newest broadcast", d -> phone.texts(null, "broadcast-banner").stream().anyMatch(t -> t.contains("시기를")));
    assertThat(phone.allByTestId("broadcast-banner")).hasSize(1);
    phone.byTestId("notices-toggle").click();
    phone.waitFor("the notices list", d -> phone.texts("[data-testid=notices-list]", "notice-item").stream().anyMatch(t -> t.contains("3분")));
    check("room-notices");
    phone.byTestId("banner-dismiss").click();
    phone.waitFor("the older broadcast after the newer is dismissed",
        d -> phone.texts(null, "broadcast-banner").stream().anyMatch(t -> t.contains("3분")));

    // Submitted: "제출 취소" must be readable (axe checks the contrast).
    phone.byTestId("submit-toggle").click();
    phone.waitFor("submitted", d -> "true".equals(phone.byTestId("submit-toggle").getAttribute("aria-pressed")));
    phone.js("document.querySelector('[data-testid=submit-toggle]').scrollIntoView({block: 'center'})");
    check("room-submitted");

    // Offline: the pill and the language button stay on the top bar's one line.
    phone.offline(true);
    phone.waitFor("offline", d -> "offline".equals(phone.byTestId("connection-status").getAttribute("data-state")));
    phone.js("window.scrollTo(0, 0)");
    assertThat((Boolean) phone.js("const bar = document.querySelector('.topbar').getBoundingClientRect();"
        + "const l = document.getElementById('lang').getBoundingClientRect(); const c = document.getElementById('conn').getBoundingClientRect();"
        + "return c.width > 0 && bar.height < 64 && Math.abs((l.top + l.bottom) / 2 - (c.top + c.bottom) / 2) < 10"))
        .as("the offline pill and the language button on one line").isTrue();
    check("room-offline");
    phone.offline(false);
    phone.waitFor("online again", d -> "online".equals(phone.byTestId("connection-status").getAttribute("data-state")));

    // English: the broadcast's prefix runs inline and leaves the text the banner's width.
    phone.byTestId("lang-toggle").click();
    phone.waitFor("English", d -> "en".equals(phone.js("return document.documentElement.lang")));
    phone.waitFor("an English prefix", d -> phone.texts(null, "broadcast-banner").stream().anyMatch(t -> t.contains("From the instructor")));
    // The text starts on the prefix's line and wraps back to the left edge: no narrow column beside the prefix.
    assertThat((Boolean) phone.js("const b = document.querySelector('[data-testid=broadcast-banner]');"
        + "const body = b.querySelector('.banner-body').getBoundingClientRect();"
        + "const p = b.querySelector('.banner-prefix').getClientRects(); const t = b.querySelector('.banner-text').getClientRects();"
        + "const sameLine = Math.abs(t[0].top - p[p.length - 1].top) < 8;"
        + "return sameLine && [...t].filter(r => r.top > t[0].top + 4).every(r => Math.abs(r.left - body.left) < 2)")).isTrue();
    check("room-english");

    // A withdrawn broadcast leaves the phone.
    long sentAt = teacher.seen().stream().filter(m -> "event".equals(m.getString("type"))
            && "broadcast.sent".equals(m.getJsonObject("event").getString("type"))
            && m.getJsonObject("event").getString("text").startsWith("3분"))
        .findFirst().orElseThrow().getLong("at");
    instructor("broadcast.withdraw", new JsonObject().put("sentAt", sentAt));
    phone.waitFor("the withdrawn broadcast gone", d -> phone.texts(null, "broadcast-banner").stream().noneMatch(t -> t.contains("3분"))
        && phone.texts(null, "notice-item").stream().noneMatch(t -> t.contains("3분")));

    // The next phase: the discussion's broadcasts leave with it.
    instructor("phase.next", new JsonObject());
    phone.waitFor("the presentation phase", d -> "presentation".equals(phone.byTestId("clock").getAttribute("data-kind")));
    phone.waitFor("no broadcast of the discussion", d -> phone.allByTestId("broadcast-banner").isEmpty());
    check("presentation");

    assertThat(problems).as("accessibility and layout problems").isEmpty();
    assertThat(phone.scriptErrors()).isEmpty();
  }

  private WebElement cardIn(String prompt, int index) {
    return phone.driver.findElements(By.cssSelector("[data-testid=prompt-" + prompt + "] [data-testid=card]")).get(index);
  }

  private void addCard(String prompt, String text) {
    if (phone.byTestId("tab-" + prompt).isDisplayed()) {
      phone.byTestId("tab-" + prompt).click();
    }
    phone.byTestId("card-input-" + prompt).sendKeys(text);
    phone.byTestId("card-add-" + prompt).click();
    phone.waitFor("card '" + text + "'", d -> phone.texts("[data-testid=prompt-" + prompt + "]", "card-text").contains(text)
        && phone.driver.findElements(By.cssSelector("[data-testid=prompt-" + prompt + "] [data-testid=card][data-pending=true]")).isEmpty());
  }
}
