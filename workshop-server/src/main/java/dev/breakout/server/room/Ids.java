package dev.breakout.server.room;

import java.security.SecureRandom;

/** Random identifiers; rejoin keys are secrets (they give a seat back), hence SecureRandom. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** No 0/o, 1/l: ids are sometimes read aloud or typed from a screen. */
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

  private Ids() {}

  public static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  public static String studentId() {
    return "s-" + random(10);
  }

  public static String rejoinKey() {
    return random(24);
  }
}
