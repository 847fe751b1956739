package dev.breakout.server.live;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-loop contexts a node spreads its sockets and workshops over: each on an event loop
 * (a thread) of its own, so that {@code n} of them use {@code n} cores. Vert.x hands out event
 * loops round-robin to whatever asks (clients, timers' contexts, the cluster manager), so two
 * contexts asked for one after the other may share a thread; these are built on distinct loops
 * of Vert.x's event-loop group, the given one first.
 */
public final class EventLoops {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);

  private EventLoops() {}

  /**
   * {@code first} and {@code count - 1} more event-loop contexts, each on another thread; fewer
   * when Vert.x has fewer event loops (its {@code eventLoopPoolSize}, by default twice the cores).
   */
  public static List<Context> contexts(Vertx vertx, Context first, int count) {
    List<Context> contexts = new ArrayList<>();
    contexts.add(first);
    VertxInternal internal = (VertxInternal) vertx;
    EventLoop taken = ((ContextInternal) first).nettyEventLoop();
    for (EventExecutor executor : internal.nettyEventLoopGroup()) {
      if (contexts.size() >= count) {
        break;
      }
      if (executor != taken && executor instanceof EventLoop loop) {
        contexts.add(internal.contextBuilder().withThreadingModel(ThreadingModel.EVENT_LOOP).withEventLoop(loop)
            .withClassLoader(Thread.currentThread().getContextClassLoader()).build());
      }
    }
    if (contexts.size() < count) {
      LOG.warn("{} event loops asked for, but Vert.x has {}: using {}", count, contexts.size(), contexts.size());
    }
    return List.copyOf(contexts);
  }
}
