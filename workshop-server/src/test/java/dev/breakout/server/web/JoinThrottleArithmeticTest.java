package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The numbers of docs/decisions/008-join-throttle.md, checked against the throttle itself. */
@DisplayName("Join throttle arithmetic")
class JoinThrottleArithmeticTest {
  private static final long MINUTE = 60_000;
  private static final long YEAR = 365L * 24 * 60 * MINUTE;

  @Test
  @DisplayName("A guesser trying every minute for a year gets at most 10 + 12 a day; with 200 open codes that is over a year per hit")
  void aYearOfGuessing() {
    JoinThrottle throttle = new JoinThrottle();
    Random random = new Random(1);
    long tried = 0;
    for (long now = 0; now < YEAR; now += MINUTE) {
      if (throttle.allowed("198.51.100.9", now)) {
        throttle.miss("198.51.100.9", String.format("%06d", random.nextInt(1_000_000)), now);
        tried++;
      }
    }
    assertThat(tried).isLessThanOrEqualTo(10 + 365 * 12 + 1);
    for (int open : new int[] {50, 100, 200}) {
      double guessesPerHit = 1_000_000.0 / (open + 1);
      double years = guessesPerHit / tried;
      System.out.printf("%d open codes: %.0f guesses per hit, %.1f years at %d guesses a year%n", open,
          guessesPerHit, years, tried);
      assertThat(years).isGreaterThan(1.0);
    }
  }

  @Test
  @DisplayName("A slip is one digit changed or two neighbours swapped, nothing more")
  void slips() {
    assertThat(JoinThrottle.oneSlip("482913", "482918")).isTrue();
    assertThat(JoinThrottle.oneSlip("482913", "489213")).isTrue();
    assertThat(JoinThrottle.oneSlip("482913", "482913")).isFalse();
    assertThat(JoinThrottle.oneSlip("482913", "582918")).isFalse();
    assertThat(JoinThrottle.oneSlip("482913", "428931")).isFalse();
    assertThat(JoinThrottle.oneSlip("482913", "48291")).isFalse();
    assertThat(JoinThrottle.sixDigits("48291")).isFalse();
    assertThat(JoinThrottle.sixDigits("48291a")).isFalse();
  }

  @Test
  @DisplayName("An IPv6 client is counted by its /64, which one household or attacker holds whole")
  void ipv6ByPrefix() {
    assertThat(JoinThrottle.network("2001:db8:1:2::5")).isEqualTo(JoinThrottle.network("2001:db8:1:2:ffff::9"));
    assertThat(JoinThrottle.network("2001:db8:1:2::5")).isNotEqualTo(JoinThrottle.network("2001:db8:1:3::5"));
    assertThat(JoinThrottle.network("203.0.113.7")).isEqualTo("203.0.113.7");
    JoinThrottle throttle = new JoinThrottle();
    for (int i = 0; i < 10; i++) {
      throttle.miss("2001:db8:1:2::" + Integer.toHexString(i + 1), String.format("%06d", 100_000 + i * 7_777), 0);
    }
    assertThat(throttle.allowed("2001:db8:1:2::abcd", 0)).isFalse();
    assertThat(throttle.allowed("2001:db8:1:3::1", 0)).isTrue();
  }
}
