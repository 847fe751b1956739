package dev.breakout.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The whole exercise as a class would run it: an instructor's laptop and four phones in two
 * groups, each its own browser, against the real server. Durations are compressed; timings are
 * measured and reported (target/browser-timings.txt and the test output), not asserted tightly.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A whole exercise in real browsers: an instructor and two groups of two phones")
class WholeExerciseBrowserTest {
  private static final String[] NAMES = {"김민수", "이영희", "박지훈", "최수아"};

  private TestServer server;
  private String base;
  private final List<Browser> browsers = new ArrayList<>();
  private final Map<String, String> timings = new LinkedHashMap<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
    base = server.base();
  }

  @AfterEach
  void stop(TestInfo info) throws Exception {
    StringBuilder report = new StringBuilder("Browser timings (" + info.getDisplayName() + "):\n");
    timings.forEach((k, v) -> report.append("  ").append(k).append(": ").append(v).append('\n'));
    System.out.print(report);
    try {
      Files.createDirectories(Browser.TARGET);
      Files.writeString(Browser.TARGET.resolve("browser-timings.txt"), report, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // The report is a courtesy; the test's result does not depend on it.
    }
    for (Browser b : browsers) {
      try {
        b.screenshot("last/" + b.name + ".png");
      } catch (RuntimeException e) {
        // A browser that died cannot show its last page.
      }
      b.close();
    }
    server.close();
  }

  private Browser track(Browser b) {
    browsers.add(b);
    return b;
  }

  @Test
  @DisplayName("lobby to end: live cards per group, one clock, reload, a dropped network, Hangul IME, export")
  void wholeExercise() throws Exception {
    // ---------------------------------------------------------------- the instructor creates it
    Browser teacher = track(Browser.desktop("instructor"));
    teacher.open(base + "/instructor.html");
    teacher.byTestId("login-password").sendKeys(TestServer.PASSWORD);
    teacher.byTestId("login-submit").click();
    teacher.waitForJs("the session list", "return document.querySelector('[data-testid=session-select]').options.length > 0");
    teacher.js("document.querySelector('[data-testid=session-select]').value = 'week1-day1-session7'");
    fill(teacher, "create-groups", "2");
    // Setup is in minutes, pre-filled from the course document: 5 and 2 for Session 7.
    teacher.waitFor("minutes from the document", d -> "5".equals(teacher.byTestId("create-discussion").getAttribute("value"))
        && "2".equals(teacher.byTestId("create-presentation").getAttribute("value")));
    fill(teacher, "create-name", "3반 · 브라우저 시험");
    // 20 s and 30 s, so that the test runs in real time.
    fill(teacher, "create-discussion", "0.3334");
    fill(teacher, "create-presentation", "0.5");
    // The handover options: a countdown asks for its length; the default is the instructor's start.
    assertThat(teacher.visible("create-prep")).isFalse();
    teacher.js("const s = document.querySelector('[data-testid=create-start]'); s.value = 'countdown'; s.dispatchEvent(new Event('change'))");
    teacher.waitFor("the preparation field", d -> teacher.visible("create-prep"));
    teacher.js("document.querySelector('[data-testid=create-start]').scrollIntoView({block: 'center'})");
    teacher.screenshot("dashboard-setup.png");
    assertThat(Axe.serious(teacher, "setup")).isEmpty();
    assertThat(Layout.problems(teacher, "setup")).isEmpty();
    teacher.js("const s = document.querySelector('[data-testid=create-start]'); s.value = 'instructor'; s.dispatchEvent(new Event('change'))");
    fill(teacher, "create-warning", "5");
    fill(teacher, "create-grace", "5");
    teacher.byTestId("create-submit").click();
    String code = teacher.waitFor("the join code on the dashboard", d -> {
      String c = teacher.byTestId("dashboard-join-code").getText();
      return c.matches("\\d{6}") ? c : null;
    });
    String workshopId = (String) teacher.js("return location.hash.replace('#/w/', '')");
    String token = server.instructorToken();

    // The content panel: sections, case studies with metrics, and the sanitised diagram as SVG.
    teacher.waitForJs("the content panel", "return document.querySelector('[data-testid=content-panel] [data-testid=diagram] svg')");
    assertThat(teacher.byTestId("content-panel").getAttribute("textContent")).contains("Netflix", "실패 사례");

    // ---------------------------------------------------------------- four phones join
    List<Browser> phones = new ArrayList<>();
    Map<Browser, String> groupOf = new LinkedHashMap<>();
    for (String name : NAMES) {
      Browser phone = track(Browser.phone("student-" + phones.size()));
      phones.add(phone);
      phone.open(base + "/join?code=" + code);
      WebElement codeField = phone.byTestId("join-code");
      phone.waitFor("the code from the link", d -> code.equals(codeField.getAttribute("value")));
      assertThat(codeField.getAttribute("inputmode")).isEqualTo("numeric");
      assertThat(phone.byTestId("privacy-note").getText()).contains("이름", "삭제");
      phone.byTestId("join-name").sendKeys(name);
      phone.byTestId("join-submit").click();
      phone.waitFor("the lobby", d -> phone.visible("lobby"));
      groupOf.put(phone, phone.byTestId("lobby-group").getAttribute("data-group-id"));
    }
    String groupA = groupOf.get(phones.get(0));
    List<Browser> a = phones.stream().filter(p -> groupOf.get(p).equals(groupA)).toList();
    List<Browser> b = phones.stream().filter(p -> !groupOf.get(p).equals(groupA)).toList();
    assertThat(a).hasSize(2);
    assertThat(b).hasSize(2);
    String groupB = groupOf.get(b.get(0));
    Browser a1 = a.get(0);
    Browser a2 = a.get(1);
    Browser b1 = b.get(0);
    Browser b2 = b.get(1);

    // Lobbies list who has arrived, with presence in words, not colour alone.
    for (Browser p : phones) {
      p.waitFor("both group members in the lobby", d -> p.allByTestId("member").size() == 2
          && p.texts("[data-testid=lobby-members]", "member").stream().allMatch(t -> t.contains("접속 중")));
    }
    a1.screenshot("student-lobby.png");
    teacher.waitFor("two members on every tile", d -> teacher.allByTestId("group-tile").stream()
        .allMatch(t -> t.findElements(Browser.testId("tile-members")).get(0).findElements(org.openqa.selenium.By.cssSelector(".member")).size() == 2));

    // The projector: join code in large type, the QR code, the URL.
    teacher.byTestId("open-projector").click();
    String dashboardWindow = teacher.driver.getWindowHandle();
    String projectorWindow = teacher.waitFor("the projector window", d -> d.getWindowHandles().stream()
        .filter(h -> !h.equals(dashboardWindow)).findFirst().orElse(null));
    teacher.driver.switchTo().window(projectorWindow);
    teacher.waitFor("the projector's join code", d -> code.equals(teacher.byTestId("projector-code").getText()));
    teacher.waitForJs("the QR image", "const i = document.querySelector('[data-testid=projector-qr]'); return i.complete && i.naturalWidth > 0");
    assertThat(teacher.byTestId("projector-url").getText()).endsWith("/join?code=" + code);
    teacher.waitFor("the head count", d -> teacher.byTestId("projector-count").getText().contains("4"));
    teacher.screenshot("projector-join.png");
    teacher.driver.close();
    teacher.driver.switchTo().window(dashboardWindow);

    // ---------------------------------------------------------------- start: one clock for all
    teacher.byTestId("start-exercise").click();
    for (Browser p : phones) {
      p.waitFor("the room", d -> p.visible("room") && "discussion".equals(p.byTestId("clock").getAttribute("data-kind")));
    }
    List<Browser> everyone = new ArrayList<>(phones);
    everyone.add(teacher);
    long spread = clockSpread(everyone);
    timings.put("countdown spread across 5 browsers while running", spread + " ms");
    assertThat(spread).as("countdowns agree across browsers").isLessThanOrEqualTo(2000);

    // ---------------------------------------------------------------- live cards, per group only
    // Delays are measured from when the author's page drew the new card (as pending) to when the
    // group-mate's page drew it: both are Date.now() on this one machine.
    String aCard = "레거시 시스템과의 통합 어려움";
    addCard(a1, "p1", aCard);
    long drawn = drawnAt(a1, "p1", aCard);
    long seenAtMate = waitCard(a2, "p1", aCard);
    long seenOnDashboard = waitTileCard(teacher, groupA, aCard);
    timings.put("card → group-mate's phone (author queued it → mate drew it)", (seenAtMate - drawn) + " ms");
    timings.put("card → dashboard tile (author queued it → seen by 50 ms polling)", (seenOnDashboard - drawn) + " ms");
    String bCard = "경영진 설득";
    addCard(b1, "p2", bCard);
    drawn = drawnAt(b1, "p2", bCard);
    timings.put("second group's card → group-mate", (waitCard(b2, "p2", bCard) - drawn) + " ms");
    waitTileCard(teacher, groupB, bCard);
    long t0;

    // ---------------------------------------------------------------- pause, and ±1 minute
    teacher.byTestId("pause-clock").click();
    for (Browser p : everyone) {
      p.waitForJs("the paused clock", "return document.querySelector('[data-testid=clock]').parentElement.dataset.paused === 'true'");
    }
    long pausedSpread = clockSpread(everyone);
    timings.put("countdown spread while paused", pausedSpread + " ms");
    assertThat(pausedSpread).isLessThanOrEqualTo(1500);
    long before = remaining(a1);
    teacher.byTestId("adjust-plus").click();
    a1.waitFor("one more minute", d -> remaining(a1) >= before + 55_000);
    teacher.byTestId("adjust-minus").click();
    a1.waitFor("the minute taken back", d -> remaining(a1) <= before + 1000);

    // ---------------------------------------------------------------- broadcast, help, submit
    teacher.byTestId("broadcast-input").sendKeys("5분 남았습니다. 정리해 주세요.");
    teacher.byTestId("broadcast-send").click();
    for (Browser p : phones) {
      p.waitFor("the broadcast banner", d -> p.texts(null, "broadcast-banner").stream().anyMatch(t -> t.contains("5분 남았습니다")));
    }
    b2.byTestId("help-button").click();
    String tileB = "[data-testid=group-tile][data-group-id=" + groupB + "]";
    teacher.waitForJs("the help flag", "return document.querySelector(arguments[0]).dataset.help === 'true'", tileB);
    assertThat(teacher.js("return document.querySelector(arguments[0] + ' [data-testid=tile-help]').textContent", tileB))
        .asString().contains("도움");
    teacher.js("document.querySelector(arguments[0] + ' [data-testid=tile-help-clear]').click()", tileB);
    teacher.waitForJs("the help flag cleared", "return document.querySelector(arguments[0]).dataset.help === 'false'", tileB);
    b2.waitFor("help can be asked again", d -> b2.byTestId("help-button").isEnabled());
    b1.byTestId("submit-toggle").click();
    b2.waitForJs("the group's submission", "return document.querySelector('[data-testid=submit-state]').dataset.submitted === 'true'");
    teacher.waitForJs("the submitted flag", "return document.querySelector(arguments[0]).dataset.submitted === 'true'", tileB);

    // ---------------------------------------------------------------- the roadmap: labels and order
    selectTab(a1, "p3");
    addStep(a1, "CI 파이프라인 구축", "1단계 (0-3개월)");
    addStep(a1, "모니터링 도입", "2단계 (3-6개월)");
    waitCard(a2, "p3", "모니터링 도입");
    List<WebElement> steps = a1.driver.findElements(org.openqa.selenium.By.cssSelector("[data-testid=prompt-p3] [data-testid=card]"));
    openCardMenu(a1, steps.get(1));
    steps.get(1).findElement(Browser.testId("card-up")).click();
    a2.waitFor("the reordered roadmap", d -> a2.texts("[data-testid=prompt-p3]", "card-text")
        .equals(List.of("모니터링 도입", "CI 파이프라인 구축")));
    assertThat(a2.texts("[data-testid=prompt-p3]", "card-label")).containsExactly("2단계 (3-6개월)", "1단계 (0-3개월)");
    // Delete takes two presses.
    addCard(a1, "p1", "지울 카드");
    waitCard(a2, "p1", "지울 카드");
    WebElement doomed = cardElement(a1, "p1", "지울 카드");
    openCardMenu(a1, doomed);
    doomed.findElement(Browser.testId("card-delete")).click();
    cardElement(a1, "p1", "지울 카드").findElement(Browser.testId("card-delete")).click();
    a2.waitFor("the deleted card gone", d -> !a2.texts("[data-testid=prompt-p1]", "card-text").contains("지울 카드"));
    selectTab(a1, "p3");
    a1.screenshot("student-room.png");

    // ---------------------------------------------------------------- Hangul through an IME
    selectTab(a2, "p2");
    WebElement imeInput = a2.byTestId("card-input-p2");
    imeInput.click();
    a2.imeCompose("ㅎ");
    a2.imeCompose("하");
    a2.imeCompose("한");
    // A group-mate's card arrives in the same column while the syllable is still being built.
    addCard(a1, "p2", "다른 조원의 카드");
    waitCard(a2, "p2", "다른 조원의 카드");
    assertThat(imeInput.getAttribute("value")).as("the composition survives a render").isEqualTo("한");
    a2.imeCommit("한");
    a2.imeType("국", "ㄱ", "구", "국");
    a2.imeType("어", "ㅇ", "어");
    a2.imeCommit(" ");
    a2.imeType("입", "ㅇ", "이", "입");
    a2.imeType("력", "ㄹ", "려", "력");
    assertThat(imeInput.getAttribute("value")).isEqualTo("한국어 입력");
    imeInput.sendKeys(Keys.ENTER);
    drawn = drawnAt(a2, "p2", "한국어 입력");
    timings.put("IME-typed card → group-mate", (waitCard(a1, "p2", "한국어 입력") - drawn) + " ms");
    assertThat(a1.texts("[data-testid=prompt-p2]", "card-text")).contains("한국어 입력");

    // ---------------------------------------------------------------- a reload keeps the seat
    String seatBefore = (String) a1.js("return JSON.parse(localStorage.getItem('breakout.seat.' + arguments[0])).studentId", code);
    t0 = System.currentTimeMillis();
    a1.driver.navigate().refresh();
    a1.waitFor("the room after a reload", d -> a1.visible("room") && "online".equals(a1.byTestId("connection-status").getAttribute("data-state")));
    timings.put("reload → room back online", (System.currentTimeMillis() - t0) + " ms");
    assertThat(a1.byTestId("my-group").getAttribute("data-group-id")).isEqualTo(groupA);
    assertThat(a1.js("return JSON.parse(localStorage.getItem('breakout.seat.' + arguments[0])).studentId", code)).isEqualTo(seatBefore);
    assertThat(a1.texts("[data-testid=prompt-p1]", "card-text")).contains(aCard);
    assertThat(a1.texts("[data-testid=prompt-p2]", "card-text")).contains("한국어 입력");
    JsonObject state = server.get("/api/workshops/" + workshopId, token).json();
    assertThat(state.getJsonArray("students")).as("a reload is not a new student").hasSize(4);

    // ---------------------------------------------------------------- a dropped network
    b1.offline(true);
    b1.waitFor("the offline state", d -> "offline".equals(b1.byTestId("connection-status").getAttribute("data-state")));
    assertThat(b1.byTestId("offline-banner").getText()).contains("보관");
    addCard(b1, "p1", "오프라인 카드 하나");
    addCard(b1, "p1", "오프라인 카드 둘");
    WebElement toEdit = cardElement(b1, "p2", bCard);
    toEdit.findElement(Browser.testId("card-edit")).click();
    WebElement editor = b1.waitFor("the card editor", d -> b1.byTestId("card-edit-input"));
    editor.clear();
    editor.sendKeys("경영진 설득과 예산 확보");
    b1.byTestId("card-save").click();
    b1.waitFor("three edits shown as pending", d -> b1.driver.findElements(
        org.openqa.selenium.By.cssSelector("[data-testid=card][data-pending=true]")).size() == 3);
    assertThat(b1.byTestId("pending-count").getText()).contains("3");
    assertThat((Long) b1.js("return Object.keys(localStorage).filter(k => k.startsWith('breakout.pending.'))"
        + ".map(k => JSON.parse(localStorage.getItem(k)).length).reduce((a, b) => a + b, 0)")).isEqualTo(3L);
    b1.screenshot("student-offline-pending.png");
    assertThat(b2.texts("[data-testid=prompt-p1]", "card-text")).doesNotContain("오프라인 카드 하나");
    t0 = System.currentTimeMillis();
    b1.offline(false);
    long back = waitCard(b2, "p1", "오프라인 카드 둘");
    b2.waitFor("the offline edit", d -> b2.texts("[data-testid=prompt-p2]", "card-text").contains("경영진 설득과 예산 확보"));
    timings.put("network back → queued edits at the group-mate", (back - t0) + " ms");
    b1.waitFor("nothing pending", d -> b1.driver.findElements(
        org.openqa.selenium.By.cssSelector("[data-testid=card][data-pending=true]")).isEmpty());
    assertThat(b2.texts("[data-testid=prompt-p1]", "card-text")).containsSubsequence("오프라인 카드 하나", "오프라인 카드 둘");

    // Offline again, then the tab is gone: a new tab sends what the old one could not.
    b1.offline(true);
    b1.waitFor("the offline state", d -> "offline".equals(b1.byTestId("connection-status").getAttribute("data-state")));
    addCard(b1, "p1", "새 탭에서 보낸 카드");
    b1.waitFor("the pending card", d -> !b1.driver.findElements(
        org.openqa.selenium.By.cssSelector("[data-testid=card][data-pending=true]")).isEmpty());
    String offlineTab = b1.driver.getWindowHandle();
    b1.driver.switchTo().newWindow(WindowType.TAB);
    String newTab = b1.driver.getWindowHandle();
    b1.driver.switchTo().window(offlineTab).close();
    b1.driver.switchTo().window(newTab);
    t0 = System.currentTimeMillis();
    b1.open(base + "/");
    long viaNewTab = waitCard(b2, "p1", "새 탭에서 보낸 카드");
    timings.put("new tab → card queued in the closed offline tab at the group-mate", (viaNewTab - t0) + " ms");
    b1.waitFor("the room in the new tab", d -> b1.visible("room"));
    assertThat(b1.byTestId("my-group").getAttribute("data-group-id")).isEqualTo(groupB);

    // The dashboard has every card of both groups, each under its own group.
    waitTileCard(teacher, groupB, "새 탭에서 보낸 카드");
    waitTileCard(teacher, groupB, "경영진 설득과 예산 확보");
    waitTileCard(teacher, groupA, "한국어 입력");
    teacher.screenshot("instructor-dashboard.png");

    // ---------------------------------------------------------------- groups never see each other
    Set<String> aTexts = Set.of(aCard, "CI 파이프라인 구축", "모니터링 도입", "다른 조원의 카드", "한국어 입력");
    Set<String> bTexts = Set.of("경영진 설득과 예산 확보", "오프라인 카드 하나", "오프라인 카드 둘", "새 탭에서 보낸 카드");
    for (Browser p : a) {
      assertThat(p.texts(null, "card-text")).containsAll(aTexts).doesNotContainAnyElementsOf(bTexts);
    }
    for (Browser p : b) {
      p.waitFor("every card of the group", d -> p.texts(null, "card-text").containsAll(bTexts));
      assertThat(p.texts(null, "card-text")).doesNotContainAnyElementsOf(aTexts);
    }
    assertThat(teacher.texts("[data-testid=group-tile][data-group-id=" + groupA + "]", "tile-card-text"))
        .containsAll(aTexts).doesNotContainAnyElementsOf(bTexts);
    assertThat(teacher.texts("[data-testid=group-tile][data-group-id=" + groupB + "]", "tile-card-text"))
        .containsAll(bTexts).doesNotContainAnyElementsOf(aTexts);

    // ---------------------------------------------------------------- resume: warning, end, grace
    teacher.byTestId("resume-clock").click();
    for (Browser p : everyone) {
      p.waitForJs("the running clock", "return document.querySelector('[data-testid=clock]').parentElement.dataset.paused === 'false'");
    }
    long resumedSpread = clockSpread(everyone);
    timings.put("countdown spread after resume", resumedSpread + " ms");
    assertThat(resumedSpread).isLessThanOrEqualTo(2000);
    // Group B gets a minute more to write: it must not be called to present while writing.
    teacher.js("document.querySelector('[data-testid=group-tile][data-group-id=' + arguments[0] + '] [data-testid=tile-plus]').click()", groupB);
    assertThat(teacher.js("return document.querySelector('[data-testid=group-tile][data-group-id=' + arguments[0] + '] [data-testid=tile-plus]').textContent", groupB))
        .isEqualTo("+1분");
    for (Browser p : List.of(a2, b2)) {
      p.waitFor("the end-of-discussion warning", Duration.ofSeconds(30), d -> p.visible("clock-warning"));
    }
    a2.waitFor("the grace notice after the discussion", Duration.ofSeconds(15), d -> a2.visible("grace-notice"));
    assertThat(a2.byTestId("clock").getAttribute("data-kind")).isEqualTo("presentation");
    // Written during the grace: accepted, marked late, seen by the group-mate.
    addCard(a2, "p1", "마감 직후 추가");
    waitCard(a1, "p1", "마감 직후 추가");
    assertThat((String) a1.js("const c = [...document.querySelectorAll('[data-testid=prompt-p1] [data-testid=card]')]"
        + ".find(e => e.querySelector('[data-testid=card-text]').textContent === arguments[0]);"
        + "return c.querySelector('.badge.late').hidden ? '' : c.querySelector('.badge.late').textContent", "마감 직후 추가"))
        .isEqualTo("늦은 작성");

    // ---------------------------------------------------------------- the handover (decision 010)
    // The discussion is over, nobody presents yet: every screen says so, and group B, still in
    // its extra minute, sees its own deadline.
    teacher.waitFor("the start button", d -> teacher.visible("start-presentations"));
    for (Browser p : List.of(teacher, a1, a2)) {
      p.waitFor("the ready stage", d -> "ready".equals(p.byTestId("clock").getAttribute("data-mode")));
    }
    assertThat(a1.visible("spotlight")).isFalse();
    for (Browser p : b) {
      p.waitFor("group B's own deadline", d -> "own".equals(p.byTestId("clock").getAttribute("data-mode"))
          && remaining(p) > 20_000);
    }
    b1.screenshot("student-extra-time.png");
    teacher.screenshot("dashboard-ready.png");
    assertThat(Axe.serious(teacher, "ready")).isEmpty();
    assertThat(Axe.serious(b1, "own deadline")).isEmpty();
    teacher.byTestId("start-presentations").click();

    // Group A presents first: B is still writing. Dashboard and A's phones show one slot.
    String first = teacher.waitFor("the first presenting group", d -> {
      Object g = teacher.js("const t = document.querySelector('[data-testid=group-tile][data-spotlight=true]'); return t && t.dataset.groupId");
      return g instanceof String s ? s : null;
    });
    assertThat(first).isEqualTo(groupA);
    for (Browser p : List.of(teacher, a1, a2)) {
      p.waitFor("the slot", d -> "slot".equals(p.byTestId("clock").getAttribute("data-mode")));
    }
    long slotSpread = clockSpread(List.of(teacher, a1, a2));
    timings.put("slot countdown spread, dashboard and phones", slotSpread + " ms");
    assertThat(slotSpread).isLessThanOrEqualTo(2000);
    assertThat(teacher.byTestId("ws-clock-note").getText()).contains("(1/2)");
    assertThat(a1.byTestId("clock-note").getText()).isEqualTo(teacher.byTestId("ws-clock-note").getText());
    assertThat(b1.byTestId("clock").getAttribute("data-mode")).isEqualTo("own");
    assertThat(a2.visible("grace-notice")).isFalse();
    List<Browser> audience = first.equals(groupA) ? b : a;
    String expected = first.equals(groupA) ? aCard : "경영진 설득과 예산 확보";
    for (Browser p : audience) {
      p.waitFor("the spotlighted group's answers", d -> p.visible("spotlight")
          && p.texts("[data-testid=spotlight]", "spotlight-card-text").contains(expected));
    }
    audience.get(0).screenshot("student-presentation.png");

    teacher.byTestId("open-projector").click();
    projectorWindow = teacher.waitFor("the projector window", d -> d.getWindowHandles().stream()
        .filter(h -> !h.equals(dashboardWindow)).findFirst().orElse(null));
    teacher.driver.switchTo().window(projectorWindow);
    teacher.waitFor("the presenting group's answers on the projector",
        d -> teacher.visible("projector-spotlight") && !teacher.texts(null, "projector-card-text").isEmpty());
    teacher.screenshot("projector-presentation.png");
    teacher.driver.close();
    teacher.driver.switchTo().window(dashboardWindow);

    // Feedback to each group, from the group's board.
    for (String g : List.of(groupA, groupB)) {
      teacher.js("document.querySelector('[data-testid=group-tile][data-group-id=' + arguments[0] + '] [data-testid=tile-open]').click()", g);
      teacher.waitFor("the group board", d -> teacher.byTestId("group-dialog").isDisplayed()
          && g.equals(teacher.byTestId("group-dialog").getAttribute("data-group-id")));
      teacher.byTestId("feedback-input").sendKeys(g.equals(groupA) ? "로드맵이 구체적이라 좋았습니다." : "예산 확보 전략이 돋보였습니다.");
      teacher.byTestId("feedback-send").click();
      teacher.byTestId("dialog-close").click();
    }
    a1.waitFor("feedback for group A", d -> a1.texts(null, "feedback-item").contains("로드맵이 구체적이라 좋았습니다."));
    b1.waitFor("feedback for group B", d -> b1.texts(null, "feedback-item").contains("예산 확보 전략이 돋보였습니다."));

    // The slot time is a guide: past it, the clock counts overtime and group A goes on.
    teacher.waitFor("overtime", Duration.ofSeconds(20), d -> "true".equals(teacher.byTestId("clock").getAttribute("data-overtime")));
    a1.waitFor("overtime on the phone", d -> "true".equals(a1.byTestId("clock").getAttribute("data-overtime")));
    assertThat(teacher.byTestId("clock").getText()).startsWith("+");
    assertThat(teacher.js("const t = document.querySelector('[data-testid=group-tile][data-spotlight=true]'); return t && t.dataset.groupId"))
        .isEqualTo(groupA);
    teacher.screenshot("dashboard-overtime.png");

    // B's extra minute is cut short; the instructor moves on. B presents once its grace is over.
    teacher.js("document.querySelector('[data-testid=group-tile][data-group-id=' + arguments[0] + '] [data-testid=tile-minus]').click()", groupB);
    teacher.byTestId("next-presenter").click();
    b1.waitFor("group B presenting", Duration.ofSeconds(20), d -> b1.visible("spotlight")
        && groupB.equals(b1.byTestId("spotlight").getAttribute("data-group-id")));
    teacher.waitFor("the last slot on the dashboard", d -> teacher.byTestId("ws-clock-note").getText().contains("(2/2)"));
    assertThat(teacher.byTestId("next-presenter").getText()).isEqualTo("발표 마치기");
    teacher.byTestId("next-presenter").click();

    // ---------------------------------------------------------------- the end
    if (teacher.byTestId("end-workshop").isEnabled()) {
      teacher.byTestId("end-workshop").click();
      teacher.byTestId("end-workshop").click();
    }
    for (Browser p : phones) {
      p.waitFor("the end", d -> "ended".equals(p.byTestId("clock").getAttribute("data-kind")) && p.visible("ended-banner"));
    }
    b1.screenshot("student-ended.png");

    // ---------------------------------------------------------------- everything typed was kept
    List<String> typed = new ArrayList<>(aTexts);
    typed.addAll(bTexts);
    typed.add("마감 직후 추가");
    TestServer.Response export = server.get("/api/workshops/" + workshopId + "/export?format=json", token);
    String record;
    if (export.status() == 200) {
      record = export.body();
      timings.put("export", "checked GET /api/workshops/{id}/export?format=json");
    } else {
      record = server.get("/api/workshops/" + workshopId, token).body();
      timings.put("export", "export route answered " + export.status() + "; checked GET /api/workshops/{id} instead");
    }
    for (String text : typed) {
      // Raw UTF-8 or JSON-escaped, whichever the record uses.
      String escaped = new io.vertx.core.json.JsonArray().add(text).encode();
      escaped = escaped.substring(2, escaped.length() - 2);
      assertThat(record.contains(text) || record.contains(escaped)).as("kept: " + text).isTrue();
    }

    // The dashboard's export button: fetched with the login header, saved as a file.
    teacher.byTestId("export-md").click();
    if (server.get("/api/workshops/" + workshopId + "/export?format=md", token).status() == 200) {
      java.nio.file.Path saved = teacher.waitFor("the exported Markdown file", d -> {
        try (var files = Files.list(teacher.downloads())) {
          return files.filter(f -> f.toString().endsWith(".md")).findFirst().orElse(null);
        } catch (IOException e) {
          return null;
        }
      });
      String markdown = Files.readString(saved, StandardCharsets.UTF_8);
      for (String text : typed) {
        assertThat(markdown).as("in the downloaded export: " + text).contains(text);
      }
      timings.put("export download", "the dashboard saved " + saved.getFileName());
    } else {
      teacher.waitFor("the export notice", d -> teacher.visible("notice"));
    }

    List<String> errors = new ArrayList<>();
    for (Browser br : browsers) {
      errors.addAll(br.scriptErrors());
    }
    assertThat(errors).as("script errors in the consoles").isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private static void fill(Browser b, String testId, String value) {
    WebElement input = b.byTestId(testId);
    input.clear();
    input.sendKeys(value);
  }

  private static void selectTab(Browser p, String prompt) {
    WebElement tab = p.byTestId("tab-" + prompt);
    if (tab.isDisplayed()) {
      tab.click();
    }
    p.waitFor("column " + prompt, d -> p.byTestId("prompt-" + prompt).isDisplayed());
  }

  private static void addCard(Browser p, String prompt, String text) {
    selectTab(p, prompt);
    WebElement input = p.byTestId("card-input-" + prompt);
    input.sendKeys(text);
    p.byTestId("card-add-" + prompt).click();
  }

  private static void addStep(Browser p, String text, String label) {
    p.byTestId("card-input-p3").sendKeys(text);
    WebElement labelInput = p.byTestId("card-label-input-p3");
    labelInput.clear();
    labelInput.sendKeys(label);
    p.byTestId("card-add-p3").click();
  }

  /** A card's rarer actions (reorder, delete) are behind its "⋯" button. */
  private static void openCardMenu(Browser p, WebElement card) {
    card.findElement(Browser.testId("card-menu")).click();
    p.waitFor("the card's menu", d -> card.findElements(Browser.testId("card-delete")).stream().anyMatch(WebElement::isDisplayed));
  }

  private static WebElement cardElement(Browser p, String prompt, String text) {
    selectTab(p, prompt);
    return p.waitFor("card '" + text + "'", d -> p.driver.findElements(
        org.openqa.selenium.By.cssSelector("[data-testid=prompt-" + prompt + "] [data-testid=card]")).stream()
        .filter(c -> text.equals(c.findElement(Browser.testId("card-text")).getAttribute("textContent")))
        .findFirst().orElse(null));
  }

  /** When the author's page queued the card with this text (else first drew it), epoch ms. */
  private static long drawnAt(Browser p, String prompt, String text) {
    Object seenAt = p.waitForJs("card '" + text + "' drawn in " + prompt,
        "const c = [...document.querySelectorAll('[data-testid=prompt-' + arguments[0] + '] [data-testid=card]')]"
            + ".find(e => e.querySelector('[data-testid=card-text]').textContent === arguments[1]);"
            + "return c ? (c.dataset.queuedAt || c.dataset.seenAt) : null;", prompt, text);
    return Long.parseLong(seenAt.toString());
  }

  /** Waits for a confirmed card with exactly this text; returns when the page first drew it (epoch ms). */
  private static long waitCard(Browser p, String prompt, String text) {
    Object seenAt = p.waitForJs("card '" + text + "' in " + prompt,
        "const c = [...document.querySelectorAll('[data-testid=prompt-' + arguments[0] + '] [data-testid=card]')]"
            + ".find(e => e.querySelector('[data-testid=card-text]').textContent === arguments[1]"
            + " && e.dataset.pending !== 'true');"
            + "return c ? c.dataset.seenAt : null;", prompt, text);
    return Long.parseLong(seenAt.toString());
  }

  private static long waitTileCard(Browser teacher, String groupId, String text) {
    teacher.waitFor("'" + text + "' on the tile of " + groupId, d -> teacher.texts(
        "[data-testid=group-tile][data-group-id=" + groupId + "]", "tile-card-text").contains(text));
    return System.currentTimeMillis();
  }

  private static long remaining(Browser p) {
    Object v = p.js("return document.querySelector('[data-testid=clock]').dataset.remainingMs");
    return v == null || v.toString().isEmpty() ? -1 : Long.parseLong(v.toString());
  }

  /**
   * The largest difference between the browsers' countdowns. Running, each page's deadline on its
   * own clock (they all share this machine's clock); paused, the remaining time itself.
   */
  private static long clockSpread(List<Browser> browsers) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Browser p : browsers) {
      long v = p.waitFor("a countdown", d -> {
        Object r = p.js("const c = document.querySelector('[data-testid=clock]');"
            + "const paused = c.parentElement.dataset.paused === 'true';"
            + "const v = paused ? c.dataset.remainingMs : c.dataset.endsLocal;"
            + "return v ? Number(v) : null;");
        return r instanceof Number n ? n.longValue() : null;
      });
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max - min;
  }
}
