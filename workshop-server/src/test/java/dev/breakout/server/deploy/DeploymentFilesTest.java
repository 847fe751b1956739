package dev.breakout.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.config.ConfigLoader;
import dev.breakout.server.config.ServerConfig;
import dev.breakout.server.support.Nginx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

@DisplayName("The compose deployment matches the tested one")
class DeploymentFilesTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @Test
  @DisplayName("deploy/nginx/workshop.conf is the README's tested nginx configuration, with compose's upstream names")
  void nginxConfigIsTheReadmes() throws Exception {
    String readme = Nginx.readmeConfig(ROOT.resolve("README.md"));
    String expected = readme;
    for (int i = 1; i <= 3; i++) {
      expected = expected.replace("server 127.0.0.1:808" + i + " ", "server node" + i + ":8080 ");
    }
    String deployed = Files.readString(ROOT.resolve("deploy/nginx/workshop.conf")).lines()
        .filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    assertThat(deployed).isEqualTo(expected);
  }

  @Test
  @DisplayName("Each compose node's settings load as a cluster member behind the proxy, on the shared PostgreSQL, with its own address in the member list")
  @SuppressWarnings("unchecked")
  void composeNodesAreValidClusterMembers() throws Exception {
    Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
        .loadFromString(Files.readString(ROOT.resolve("deploy/compose.yaml")));
    Map<String, Object> services = (Map<String, Object>) compose.get("services");
    assertThat(services).containsKeys("node1", "node2", "node3", "postgres", "nginx");
    for (int i = 1; i <= 3; i++) {
      Map<String, Object> node = (Map<String, Object>) services.get("node" + i);
      assertThat(node.get("image")).isEqualTo("breakout/workshop-server:latest");
      assertThat((List<String>) node.get("volumes")).containsExactly("node" + i + "-data:/data");
      Map<String, String> env = new HashMap<>();
      ((Map<String, Object>) node.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)
          .replaceAll("\\$\\{[A-Z_]+:\\?[^}]*}", "secret-secret-secret-secret-secret-0123")
          .replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")));
      ServerConfig config = ConfigLoader.load(env, new String[0]);
      assertThat(config.trustProxy()).isTrue();
      assertThat(config.dbUrl()).contains("jdbc:postgresql://postgres:5432/workshop");
      String address = (String) ((Map<String, Object>) ((Map<String, Object>) node.get("networks")).get("back"))
          .get("ipv4_address");
      assertThat(config.cluster().orElseThrow().host()).isEqualTo(address);
      assertThat(config.cluster().orElseThrow().members()).hasSize(3).contains(address + ":5701");
      assertThat(config.metrics().orElseThrow().host()).isEqualTo("0.0.0.0");
    }
    Map<String, Object> nginx = (Map<String, Object>) services.get("nginx");
    assertThat((List<String>) nginx.get("volumes"))
        .contains("./nginx/workshop.conf:/etc/nginx/conf.d/default.conf:ro");
  }
}
