package dev.breakout.server.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every HTTP answer carries: pages, API answers, exports, errors. The pages load only
 * their own scripts, styles and images (no inline script or style, no eval), talk only to this
 * server, and may not be framed by another site; browsers must not guess content types (an
 * export or a QR code is never run as a page), and no address leaves in a Referer (the join URL
 * carries the code).
 *
 * <p>No page of ours is meant to be embedded, the projector view included (it is opened in its
 * own window), hence {@code frame-ancestors 'none'}.
 */
final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  private SecurityHeaders() {}

  /** The first handler of every route: the headers go on before anything can answer. */
  static void add(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    // For browsers older than frame-ancestors.
    headers.set("X-Frame-Options", "DENY");
    ctx.next();
  }
}
