package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakout.server.live.Frame;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One {@link Frame} written to many real sockets (docs/decisions/014-encode-once.md): every
 * client gets the exact text, whatever its length, in order with the texts sent around it. This
 * also guards the one Vert.x implementation class {@link SocketWire} relies on across upgrades.
 */
@DisplayName("A message encoded once, written to several WebSockets")
class SharedFrameTest {
  private static final int MAX_FRAME = 4096;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName("Each of five clients receives the same Korean texts (short, over 1 KiB, over a frame) in order")
  void everyClientGetsTheExactTextInOrder() {
    List<SocketWire> wires = Collections.synchronizedList(new ArrayList<>());
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setPort(0).setHost("127.0.0.1")
            .setMaxWebSocketFrameSize(MAX_FRAME))
        .webSocketHandler(socket -> wires.add(new SocketWire(socket, MAX_FRAME)))
        .listen().await();
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(MAX_FRAME)
        .setMaxMessageSize(MAX_FRAME * 4));
    List<List<String>> received = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<String> texts = new CopyOnWriteArrayList<>();
      received.add(texts);
      WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
          .setPort(server.actualPort()).setURI("/")).await();
      ws.textMessageHandler(texts::add);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> wires.size() == 5);

    String shortText = "{\"type\":\"event\",\"text\":\"우리 조의 첫 생각\"}";
    String overOneKiB = "{\"text\":\"" + "가나다라마바사".repeat(60) + "\"}";
    String overAFrame = "{\"text\":\"" + "한국어 답변 ".repeat(400) + "\"}";
    assertThat(overOneKiB.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isBetween(1024, MAX_FRAME);
    assertThat(overAFrame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(MAX_FRAME);
    Frame a = Frame.of(shortText);
    Frame b = Frame.of(overOneKiB);
    Frame c = Frame.of(overAFrame);
    vertx.runOnContext(v -> {
      for (int round = 0; round < 3; round++) {
        for (SocketWire w : wires) {
          w.send(a);
          w.send("plain " + round);
          w.send(b);
          w.send(c);
        }
      }
    });

    List<String> expected = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      expected.addAll(List.of(shortText, "plain " + round, overOneKiB, overAFrame));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().allMatch(r -> r.size() >= expected.size()));
    for (List<String> texts : received) {
      assertThat(texts).containsExactlyElementsOf(expected);
    }
    assertThat(b.text()).as("the shared bytes are untouched by the writes").isEqualTo(overOneKiB);
  }
}
