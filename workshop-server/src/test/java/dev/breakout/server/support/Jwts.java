package dev.breakout.server.support;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-made tokens for the tests that check what the server refuses. */
public final class Jwts {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Jwts() {}

  public static String hs256(JsonObject claims, String secret) throws Exception {
    String head = B64.encodeToString(new JsonObject().put("alg", "HS256").put("typ", "JWT").encode()
        .getBytes(StandardCharsets.UTF_8));
    String body = B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String sig = B64.encodeToString(mac.doFinal((head + "." + body).getBytes(StandardCharsets.UTF_8)));
    return head + "." + body + "." + sig;
  }

  public static String none(JsonObject claims) {
    String head = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String body = B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    return head + "." + body + ".";
  }

  /** Instructor claims as the server issues them, valid for {@code seconds} from now (negative: expired). */
  public static JsonObject instructorClaims(long seconds) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("sub", "instructor").put("role", "instructor").put("iss", "breakout-workshop")
        .put("aud", "breakout-workshop-clients").put("iat", now).put("exp", now + seconds);
  }
}
