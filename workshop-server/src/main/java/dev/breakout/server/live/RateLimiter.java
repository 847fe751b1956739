package dev.breakout.server.live;

/**
 * A token bucket: {@code perSecond} sustained, bursts up to {@code burst}. Time is passed in so it
 * can be tested without waiting.
 */
public final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private double tokens;
  private long last;

  public RateLimiter(double perSecond, int burst, long now) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.last = now;
  }

  public boolean tryTake(long now) {
    tokens = Math.min(burst, tokens + (now - last) * perSecond / 1000.0);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Returns a token taken by {@link #tryTake}, for callers that only wanted to look. */
  public void giveBack() {
    tokens = Math.min(burst, tokens + 1);
  }

  /** Milliseconds until one token is there again. */
  public long retryAfterMs() {
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * 1000.0 / perSecond);
  }
}
