package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Every HTTP answer carries the security headers, and the pages need nothing inline")
class SecurityHeadersTest {
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
      + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
      + " frame-ancestors 'none'";
  private static final String[] PAGES = {"index.html", "instructor.html", "projector.html", "review.html"};
  private HostileFixture room;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    room = new HostileFixture(vertx, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    room.close();
  }

  private static void assertHeaders(TestServer.Response r, String what) {
    assertThat(r.headers().firstValue("Content-Security-Policy")).as(what).hasValue(CSP);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
    assertThat(r.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
  }

  @Test
  @DisplayName("Pages, scripts, API answers, errors, exports and the QR code all carry CSP, nosniff, Referrer-Policy and frame-ancestors 'none'")
  void headersEverywhere() throws Exception {
    String[] paths = {"/", "/index.html", "/instructor.html", "/projector.html", "/review.html", "/join?code=" + room.joinCode,
        "/js/student.js", "/css/app.css", "/favicon.svg", "/health", "/api/sessions", "/api/join/" + room.joinCode,
        "/api/join/" + room.joinCode + "/qr.svg", "/api/no-such-route", "/no-such-page.html"};
    for (String path : paths) {
      assertHeaders(room.server.get(path, null), path);
    }
    for (String format : new String[] {"md", "csv", "json"}) {
      TestServer.Response export = room.server.get("/api/workshops/" + room.workshopId + "/export?format=" + format,
          room.instructor);
      assertThat(export.status()).isEqualTo(200);
      assertHeaders(export, "export " + format);
    }
    assertHeaders(room.server.get("/api/workshops", null), "401");
    assertHeaders(room.server.post("/api/join", "{oops", null), "400");
    TestServer.Response joined = room.server.post("/api/join",
        new JsonObject().put("code", room.joinCode).put("name", "민수"), null);
    assertThat(joined.status()).isEqualTo(200);
    assertHeaders(joined, "join");
    room.assertBystanderUnaffected();
  }

  @Test
  @DisplayName("The pages have no inline script, event-handler attribute, style attribute or javascript: URL")
  void pagesNeedNothingInline() throws Exception {
    Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    Pattern style = Pattern.compile("<style|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
    for (String page : PAGES) {
      String html;
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("webroot/" + page)) {
        assertThat(in).as(page).isNotNull();
        html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(inlineScript.matcher(html).find()).as("inline script in %s", page).isFalse();
      assertThat(handler.matcher(html).find()).as("event handler attribute in %s", page).isFalse();
      assertThat(style.matcher(html).find()).as("inline style in %s", page).isFalse();
      assertThat(html).as(page).doesNotContainIgnoringCase("javascript:");
      // img-src 'self' refuses data: URLs (the old empty favicon "data:," among them).
      assertThat(html).as(page).doesNotContain("\"data:");
      // What the pages do load is our own.
      assertThat(html).as(page).doesNotContain("http://", "https://");
    }
  }
}
