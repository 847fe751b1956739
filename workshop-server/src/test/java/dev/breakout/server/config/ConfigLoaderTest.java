package dev.breakout.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Configuration")
class ConfigLoaderTest {

  @Test
  @DisplayName("With nothing configured the server listens on 8080 and keeps its data under ./data")
  void defaults() {
    ServerConfig config = ConfigLoader.load(Map.of(), new String[0]);
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.publicUrl()).isEmpty();
    assertThat(config.grace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.warningLead()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  @DisplayName("A file is overridden by the environment, which is overridden by flags")
  void precedence(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("workshop.yaml");
    Files.writeString(yaml, "port: 9000\ndataDir: /tmp/from-file\ngraceSeconds: 5\nallowedOrigins: [https://a.example, https://b.example]\n");
    ServerConfig config = ConfigLoader.load(Map.of("WORKSHOP_CONFIG", yaml.toString(), "WORKSHOP_PORT", "9100"),
        new String[] {"--data-dir", "/tmp/from-flag", "--warning-seconds=30"});
    assertThat(config.port()).isEqualTo(9100);
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/from-flag"));
    assertThat(config.grace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.warningLead()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
  }

  @Test
  @DisplayName("A JSON file is read as well as a YAML one")
  void json(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("workshop.json");
    Files.writeString(json, "{\"port\": 8181, \"publicUrl\": \"https://class.example/\"}");
    ServerConfig config = ConfigLoader.load(Map.of(), new String[] {"--config", json.toString()});
    assertThat(config.port()).isEqualTo(8181);
    assertThat(config.publicUrl()).contains("https://class.example");
  }

  @Test
  @DisplayName("Invalid and unknown settings stop the start with every problem named")
  void invalidSettingsAreRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("WORKSHOP_PORT", "eighty", "WORKSHOP_GRACE_SECONDS", "-1",
        "WORKSHOP_PUBLIC_URL", "class.example"), new String[] {"--colour", "blue"}))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'port' must be a whole number")
        .hasMessageContaining("'graceSeconds' is -1")
        .hasMessageContaining("publicUrl must start with http")
        .hasMessageContaining("unknown setting 'colour'");
  }

  @Test
  @DisplayName("A configuration file that cannot be read is named in the error")
  void missingFile() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("WORKSHOP_CONFIG", "/no/such/file.yaml"), new String[0]))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/no/such/file.yaml");
  }

  @Test
  @DisplayName("The rooms' event loops default to the cores available, are set by file, environment or flag, and are at least one")
  void eventLoops(@TempDir Path dir) throws Exception {
    assertThat(ConfigLoader.load(Map.of(), new String[0]).eventLoops())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    Path yaml = dir.resolve("workshop.yaml");
    Files.writeString(yaml, "eventLoops: 3\n");
    assertThat(ConfigLoader.load(Map.of("WORKSHOP_CONFIG", yaml.toString()), new String[0]).eventLoops()).isEqualTo(3);
    assertThat(ConfigLoader.load(Map.of("WORKSHOP_EVENT_LOOPS", "2"), new String[0]).eventLoops()).isEqualTo(2);
    assertThat(ConfigLoader.load(Map.of("WORKSHOP_EVENT_LOOPS", "2"), new String[] {"--event-loops", "1"})
        .eventLoops()).isEqualTo(1);
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("WORKSHOP_EVENT_LOOPS", "0"), new String[0]))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'eventLoops' is 0, must be from 1 to 256");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), new String[] {"--event-loops", "all"}))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'eventLoops' must be a whole number from 1 to 256");
  }
}
