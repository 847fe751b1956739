package dev.breakout.server.room;

import java.security.SecureRandom;

/**
 * Random identifiers, and the {@link IdSource} that production workshops seat students with; rejoin
 * keys are secrets (they give a seat back), hence SecureRandom.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** No 0/o, 1/l: ids are sometimes read aloud or typed from a screen. */
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private static final IdSource SECURE = new IdSource() {
    @Override
    public String studentId() {
      return "s-" + random(10);
    }

    @Override
    public String rejoinKey() {
      return random(24);
    }
  };

  private Ids() {}

  /** The id source of every production workshop: random ids from {@link SecureRandom}. */
  public static IdSource secure() {
    return SECURE;
  }

  public static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
