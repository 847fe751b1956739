package dev.breakout.server.web;

import dev.breakout.server.live.RateLimiter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows guessing per client address: each failure takes a token, and an address with no tokens
 * left is refused until one grows back. Successes cost nothing, so a class behind one address
 * joins freely. Bounded: the least recently seen addresses are forgotten first. Synchronized:
 * requests arrive on every event loop of the node (docs/decisions/002).
 */
final class Throttle {
  private static final int MAX_ADDRESSES = 10_000;

  private final int burst;
  private final double perSecond;
  private final Map<String, RateLimiter> failures = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
      return size() > MAX_ADDRESSES;
    }
  };

  Throttle(int burst, double perSecond) {
    this.burst = burst;
    this.perSecond = perSecond;
  }

  synchronized boolean allowed(String address, long now) {
    RateLimiter bucket = failures.get(address);
    if (bucket == null) {
      return true;
    }
    // Peek: take a token and give it back, so that asking does not cost.
    if (bucket.tryTake(now)) {
      bucket.giveBack();
      return true;
    }
    return false;
  }

  synchronized void failure(String address, long now) {
    failures.computeIfAbsent(address, a -> new RateLimiter(perSecond, burst, now)).tryTake(now);
  }

  synchronized long retryAfterSeconds(String address) {
    RateLimiter bucket = failures.get(address);
    return bucket == null ? 0 : Math.max(1, (bucket.retryAfterMs() + 999) / 1000);
  }
}
