package dev.breakout.server.web;

import dev.breakout.server.config.ServerConfig;
import dev.breakout.server.live.ClientSession;
import dev.breakout.server.protocol.Close;
import dev.breakout.server.protocol.ServerMessages;
import dev.breakout.server.room.Reason;
import dev.breakout.server.room.Rejection;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.internal.http.WebSocketInternal;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.net.URI;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket edge: the handshake's Origin check, the 5-second wait for a hello, the one buffer
 * for what a client sends before its hello is checked and its room found ({@link Dispatcher#open}),
 * and the {@link FrameGuard} that counts and sizes every frame; what the client says after that is
 * handled by a {@link ClientSession}.
 */
final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  static final String PATH = "/ws";
  private static final int MAX_EARLY = 256;
  static final int WRITE_QUEUE_BYTES = 4 * 1024 * 1024;

  private final Vertx vertx;
  private final ServerConfig config;
  private final Dispatcher router;

  Gateway(Vertx vertx, ServerConfig config, Dispatcher router) {
    this.vertx = vertx;
    this.config = config;
    this.router = router;
  }

  void handshake(ServerWebSocketHandshake handshake) {
    if (!PATH.equals(handshake.path())) {
      handshake.reject(404);
      return;
    }
    if (!router.serving()) {
      // Cut off from the cluster's majority: a proxy tries another node, a client reconnects.
      handshake.reject(503);
      return;
    }
    String origin = handshake.headers().get("Origin");
    String host = config.trustProxy() && handshake.headers().contains("X-Forwarded-Host")
        ? handshake.headers().get("X-Forwarded-Host") : handshake.headers().get("Host");
    if (origin != null && !allowedOrigin(origin, host)) {
      LOG.warn("WebSocket from origin {} refused", origin);
      handshake.reject(403);
      return;
    }
    handshake.accept();
  }

  /**
   * A browser page may connect only from this server's own origin, its public URL, or the
   * allowlist. Clients that send no Origin are not browsers; they still need a valid token.
   */
  boolean allowedOrigin(String origin, String host) {
    String normalized = origin.toLowerCase(Locale.ROOT);
    if (config.allowedOrigins().stream().anyMatch(o -> o.equalsIgnoreCase(normalized))) {
      return true;
    }
    if (config.publicUrl().map(Gateway::originOf).filter(normalized::equals).isPresent()) {
      return true;
    }
    try {
      URI uri = URI.create(normalized);
      return host != null && uri.getAuthority() != null && uri.getAuthority().equals(host.toLowerCase(Locale.ROOT))
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String originOf(String url) {
    URI uri = URI.create(url.toLowerCase(Locale.ROOT));
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  void connected(ServerWebSocket socket) {
    // Room for a burst (an instructor's welcome with 200 groups, then a phase change in every
    // group's log) before a client counts as too slow and is cut off with 1013.
    socket.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    consolidateFlushes(socket);
    SocketWire wire = new SocketWire(socket, config.maxFrameBytes());
    Pending pending = new Pending();
    long timer = vertx.setTimer(ClientSession.HELLO_TIMEOUT_MS, id -> {
      if (!pending.helloSeen) {
        socket.close(Close.NO_HELLO.code(), Close.NO_HELLO.reason());
      }
    });
    FrameGuard guard = new FrameGuard(config.maxFrameBytes(), framesPerSecond(config), frameBurst(config), now(),
        (code, reason) -> abort(socket, code, reason));
    socket.frameHandler(frame -> guard.frame(frame, now(), text -> onText(socket, wire, pending, timer, text),
        () -> {
          wire.send(ServerMessages.error(null, Rejection.of(Reason.BINARY_FRAME)).encode());
          guard.strike(now());
        }));
    socket.closeHandler(v -> {
      vertx.cancelTimer(timer);
      if (pending.session != null) {
        pending.session.onClose();
      }
    });
    socket.exceptionHandler(err -> {
      if (err instanceof CorruptedWebSocketFrameException corrupt
          && corrupt.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
        tooBig(socket);
      } else {
        LOG.debug("WebSocket error", err);
      }
    });
  }

  private void onText(ServerWebSocket socket, SocketWire wire, Pending pending, long timer, String text) {
    if (pending.session != null) {
      pending.session.onText(text);
    } else if (pending.helloSeen) {
      if (pending.early.size() < MAX_EARLY) {
        pending.early.add(text);
      } else {
        socket.close(Close.TOO_MANY_EARLY.code(), Close.TOO_MANY_EARLY.reason());
      }
    } else {
      pending.helloSeen = true;
      vertx.cancelTimer(timer);
      router.open(wire, text).onSuccess(session -> session.ifPresent(s -> {
        pending.session = s;
        pending.early.forEach(s::onText);
        pending.early.clear();
        if (socket.isClosed()) {
          s.onClose();
        }
      }));
    }
  }

  /**
   * A frame whose header announced more than the WebSocket layer accepts: Netty refuses it before
   * its payload is read, and Vert.x then drops the connection without a close frame (the client
   * would see 1006). Say 1009 first, flushed at once on the channel, so the client learns why.
   */
  private static void tooBig(ServerWebSocket socket) {
    if (socket instanceof WebSocketInternal internal) {
      internal.channelHandlerContext().writeAndFlush(new CloseWebSocketFrame(Close.MESSAGE_TOO_BIG,
          "message too big"));
    }
  }

  /**
   * Closes a socket that floods or sends a message too big: the close frame, flushed, then the
   * connection at once, without waiting for the client's answer, so that the server stops reading
   * (and decoding) whatever the client still has in flight. RFC 6455 §7.1.7 allows this.
   */
  private static void abort(ServerWebSocket socket, short code, String reason) {
    if (socket instanceof WebSocketInternal internal) {
      internal.channelHandlerContext().writeAndFlush(new CloseWebSocketFrame(code, reason))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      socket.close(code, reason);
    }
  }

  /**
   * A dashboard receives every event of its workshop, up to a thousand a second at the load
   * benchmark's load, and outside a read Vert.x flushes (one system call) after every write. With
   * Netty's flush consolidation, the writes one event-loop turn makes to a socket leave in one
   * flush, after the turn (and at once after {@link #FLUSH_AFTER} of them); during a read Vert.x
   * already flushes once at its end. Nothing is held past the current turn, and a close flushes
   * first. See docs/decisions/014-encode-once.md.
   */
  private static void consolidateFlushes(ServerWebSocket socket) {
    if (socket instanceof WebSocketInternal internal) {
      internal.channelHandlerContext().pipeline().addFirst(new FlushConsolidationHandler(FLUSH_AFTER, true));
    }
  }

  static final int FLUSH_AFTER = 64;

  /** Every data frame counts: twice the operation rate, so pings and fragments fit beside operations. */
  static double framesPerSecond(ServerConfig config) {
    return Math.max(10, config.opsPerSecond() * 2);
  }

  /** Room for a reconnecting client's hello and every operation it kept (up to 256), at once. */
  static int frameBurst(ServerConfig config) {
    return Math.max(MAX_EARLY + 44, config.opsBurst() * 2);
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }

  /** A socket's state while its hello is checked and its room found: the one early-message buffer. */
  private static final class Pending {
    private boolean helloSeen;
    private Dispatcher.Session session;
    private final java.util.List<String> early = new java.util.ArrayList<>();
  }
}
