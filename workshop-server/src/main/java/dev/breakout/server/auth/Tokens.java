package dev.breakout.server.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.util.List;

/**
 * Issues and checks the two kinds of token. The algorithm is pinned to HS256 and issuer, audience
 * and expiry are checked, so a token signed with another key, with {@code alg: none}, or for
 * another service is refused.
 */
public final class Tokens {
  static final String ALGORITHM = "HS256";
  static final String ISSUER = "breakout-workshop";
  static final String AUDIENCE = "breakout-workshop-clients";

  private final JWTAuth jwt;
  private final Duration instructorTtl;
  private final Duration studentTtl;

  public Tokens(Vertx vertx, String secret, Duration instructorTtl, Duration studentTtl) {
    JWTOptions checks = new JWTOptions().setIssuer(ISSUER).setAudience(List.of(AUDIENCE)).setLeeway(5);
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret))
        .setJWTOptions(checks));
    this.instructorTtl = instructorTtl;
    this.studentTtl = studentTtl;
  }

  public String instructorToken(String instructorId) {
    return sign(new JsonObject().put("sub", instructorId).put("role", "instructor"), instructorTtl);
  }

  /** A student's token names the workshop and the student, not the group: a move keeps it valid. */
  public String studentToken(String workshopId, String studentId) {
    return sign(new JsonObject().put("sub", studentId).put("role", "student").put("wid", workshopId), studentTtl);
  }

  private String sign(JsonObject claims, Duration ttl) {
    return jwt.generateToken(claims, new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(ISSUER)
        .setAudience(List.of(AUDIENCE)).setExpiresInSeconds((int) ttl.toSeconds()));
  }

  /** The verified principal, or a failed future with a message safe to show. */
  public Future<Principal> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture("missing token");
    }
    return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
      // The verified claims live in the user's attributes; principal() holds the raw token.
      JsonObject p = user.attributes().getJsonObject("accessToken", user.principal());
      String role = p.getString("role");
      String sub = p.getString("sub");
      if (sub == null || p.getValue("exp") == null) {
        return Future.failedFuture("token lacks subject or expiry");
      }
      if ("instructor".equals(role)) {
        return Future.succeededFuture(new Principal.Instructor(sub));
      }
      if ("student".equals(role) && p.getString("wid") != null) {
        return Future.succeededFuture(new Principal.Student(sub, p.getString("wid")));
      }
      return Future.failedFuture("token has no valid role");
    }, err -> Future.failedFuture("invalid or expired token"));
  }
}
