package dev.breakout.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options that choose how the Java servers are started: their java binary and JVM options. */
class OptionsTest {
  private static final Path HARNESS_JAVA = Path.of(ProcessHandle.current().info().command().orElseThrow());

  @Test
  void theJavaServersRunOnTheGivenJavaWithTheGivenOptions() {
    Options o = Options.parse(new String[] {"--server-java", HARNESS_JAVA.toString(),
        "--server-jvm-opts", "-XX:+UseZGC  -Xmx1g"});

    List<String> cmd = Contender.of("baseline", o).java();

    assertThat(cmd).containsExactly(HARNESS_JAVA.toString(), "-XX:+UseZGC", "-Xmx1g");
    assertThat(MemoryRun.jcmd(o)).isEqualTo(HARNESS_JAVA.resolveSibling("jcmd").toString());
    assertThat(Main.params(o).getString("serverJava")).isEqualTo(HARNESS_JAVA.toString());
  }

  @Test
  void withoutThemTheServersRunOnTheHarnessJavaWithTheJvmDefaults() {
    Options o = Options.parse(new String[0]);

    assertThat(Contender.of("ours", o).java()).containsExactly(HARNESS_JAVA.toString());
  }

  @Test
  void aServerJavaThatIsNotAnExecutableIsRefused() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--server-java", "/nonexistent/bin/java"}))
        .isInstanceOf(Options.UsageException.class).hasMessageContaining("/nonexistent/bin/java");
  }
}
