package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("HTTP is spoken as HTTP/1.1 only")
class PlainHttpTest {

  @Test
  @DisplayName("A client that offers an h2c upgrade (Java's default HttpClient) gets HTTP/1.1 and a whole export larger than an HTTP/2 frame")
  void noCleartextHttp2Upgrade(Vertx vertx) throws Exception {
    try (HostileFixture room = new HostileFixture(vertx, Map.of())) {
      String longText = "배포 자동화와 모니터링을 함께 도입한다. ".repeat(18);
      for (int i = 0; i < 40; i++) {
        room.addBystanderCard(longText + i);
      }
      HttpClient client = HttpClient.newHttpClient(); // offers "Upgrade: h2c" on its first request
      HttpResponse<String> export = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
              + room.server.port() + "/api/workshops/" + room.workshopId + "/export?format=json"))
          .header("Authorization", "Bearer " + room.instructor).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(export.statusCode()).isEqualTo(200);
      assertThat(export.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(export.body().length()).isGreaterThan(16_384);
      assertThat(new JsonObject(export.body()).encode()).contains(longText + 39);
    }
  }
}
