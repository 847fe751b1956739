package dev.breakout.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Builds a {@link ServerConfig} from, in rising precedence: defaults, an optional JSON or YAML
 * file, environment variables, command-line flags.
 *
 * <p>Every setting has one name used three ways: {@code dataDir} in the file, {@code
 * WORKSHOP_DATA_DIR} in the environment, {@code --data-dir} on the command line. Unknown names and
 * unreadable values stop the start with every problem listed, because a typo that is silently
 * ignored in a classroom shows up as "the timer is wrong" twenty minutes later.
 */
public final class ConfigLoader {

  /** The settings, with their defaults ({@code null}: not set). */
  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("host", "0.0.0.0");
    DEFAULTS.put("port", "8080");
    DEFAULTS.put("dataDir", "./data");
    DEFAULTS.put("publicUrl", null);
    DEFAULTS.put("contentDir", null);
    DEFAULTS.put("instructorPassword", null);
    DEFAULTS.put("jwtSecret", null);
    DEFAULTS.put("allowedOrigins", "");
    DEFAULTS.put("timeZone", null);
    DEFAULTS.put("instructorTokenMinutes", "720");
    DEFAULTS.put("studentTokenMinutes", "720");
    DEFAULTS.put("warningSeconds", "60");
    DEFAULTS.put("graceSeconds", "10");
    DEFAULTS.put("maxFrameBytes", "65536");
    DEFAULTS.put("maxCardChars", "500");
    DEFAULTS.put("opsPerSecond", "20");
    DEFAULTS.put("opsBurst", "60");
    DEFAULTS.put("dbUrl", null);
    DEFAULTS.put("dbUser", null);
    DEFAULTS.put("dbPassword", null);
    DEFAULTS.put("fsync", "false");
    DEFAULTS.put("jwtSecretFile", null);
    DEFAULTS.put("trustProxy", "false");
    DEFAULTS.put("cluster", "false");
    DEFAULTS.put("clusterName", "breakout-workshop");
    DEFAULTS.put("clusterMembers", null);
    DEFAULTS.put("clusterHost", "127.0.0.1");
    DEFAULTS.put("clusterPort", "5701");
    DEFAULTS.put("nudgeNoCardSeconds", "90");
    DEFAULTS.put("nudgeIdleSeconds", "120");
    DEFAULTS.put("metrics", "true");
    DEFAULTS.put("metricsHost", "127.0.0.1");
    DEFAULTS.put("metricsPort", "9464");
    DEFAULTS.put("historyEvents", "500");
    DEFAULTS.put("retryWindow", "64");
    DEFAULTS.put("idleUnloadSeconds", "900");
    DEFAULTS.put("maxLoadedWorkshops", "200");
    // Null: as many as the cores available (docs/decisions/002-one-event-loop-per-node.md).
    DEFAULTS.put("eventLoops", null);
  }

  private static final String CONFIG_FILE_SETTING = "config";

  private ConfigLoader() {}

  /**
   * @param env  the environment (only {@code WORKSHOP_*} names are read)
   * @param args command-line flags, {@code --name value} or {@code --name=value}
   * @throws ConfigException listing every problem found
   */
  public static ServerConfig load(Map<String, String> env, String[] args) {
    List<String> problems = new ArrayList<>();
    Map<String, String> flags = parseFlags(args, problems);
    Map<String, String> fromEnv = fromEnvironment(env, problems);

    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    Optional.ofNullable(flags.remove(CONFIG_FILE_SETTING))
        .or(() -> Optional.ofNullable(fromEnv.remove(CONFIG_FILE_SETTING)))
        .ifPresent(file -> values.putAll(fromFile(Path.of(file), problems)));
    values.putAll(fromEnv);
    values.putAll(flags);
    for (String name : values.keySet()) {
      if (!DEFAULTS.containsKey(name)) {
        problems.add("unknown setting '" + name + "' (known: " + String.join(", ", DEFAULTS.keySet()) + ")");
      }
    }
    ServerConfig config = new Reader(values, problems).read();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  private static Map<String, String> parseFlags(String[] args, List<String> problems) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        problems.add("unexpected argument '" + arg + "': settings are given as --name value");
        continue;
      }
      String body = arg.substring(2);
      String name;
      String value;
      int eq = body.indexOf('=');
      if (eq >= 0) {
        name = body.substring(0, eq);
        value = body.substring(eq + 1);
      } else if (i + 1 < args.length) {
        name = body;
        value = args[++i];
      } else {
        problems.add("flag --" + body + " needs a value");
        continue;
      }
      flags.put(kebabToCamel(name), value);
    }
    return flags;
  }

  private static Map<String, String> fromEnvironment(Map<String, String> env, List<String> problems) {
    Map<String, String> values = new LinkedHashMap<>();
    env.forEach((key, value) -> {
      if (key.startsWith("WORKSHOP_")) {
        values.put(snakeToCamel(key.substring("WORKSHOP_".length())), value);
      }
    });
    return values;
  }

  private static Map<String, String> fromFile(Path file, List<String> problems) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      problems.add("cannot read configuration file " + file + ": " + e.getMessage());
      return Map.of();
    }
    Object root;
    try {
      // JSON is a subset of YAML 1.2, so one parser reads both kinds of file.
      root = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
    } catch (RuntimeException e) {
      problems.add("configuration file " + file + " is not valid JSON or YAML: " + e.getMessage());
      return Map.of();
    }
    if (root == null) {
      return Map.of();
    }
    if (!(root instanceof Map<?, ?> map)) {
      problems.add("configuration file " + file + " must hold an object of settings");
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (v instanceof Map<?, ?>) {
        problems.add("setting '" + k + "' in " + file + " must be a single value, not an object");
      } else if (v instanceof List<?> list) {
        values.put(String.valueOf(k), list.stream().map(String::valueOf).collect(Collectors.joining(",")));
      } else {
        values.put(String.valueOf(k), v == null ? null : String.valueOf(v));
      }
    });
    return values;
  }

  static String snakeToCamel(String snake) {
    String[] parts = snake.toLowerCase(Locale.ROOT).split("_");
    StringBuilder out = new StringBuilder(parts[0]);
    Arrays.stream(parts).skip(1).filter(p -> !p.isEmpty())
        .forEach(p -> out.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1)));
    return out.toString();
  }

  static String kebabToCamel(String kebab) {
    return snakeToCamel(kebab.replace('-', '_'));
  }

  /** Reads each value once, collecting problems instead of stopping at the first. */
  private record Reader(Map<String, String> values, List<String> problems) {

    ServerConfig read() {
      int port = integer("port", 0, 65535);
      String publicUrl = values.get("publicUrl");
      if (publicUrl != null && !publicUrl.isBlank()
          && !(publicUrl.startsWith("http://") || publicUrl.startsWith("https://"))) {
        problems.add("publicUrl must start with http:// or https:// (got '" + publicUrl + "')");
      }
      int maxFrameBytes = integer("maxFrameBytes", 1024, 16 * 1024 * 1024);
      double opsPerSecond = decimal("opsPerSecond", 1, 10_000);
      Optional<String> jwtSecret = text("jwtSecret").or(() -> text("jwtSecretFile").flatMap(this::readSecretFile));
      Optional<ServerConfig.Cluster> cluster = cluster(jwtSecret);
      return new ServerConfig(
          text("host").orElse("0.0.0.0"),
          port,
          Path.of(text("dataDir").orElse("./data")),
          text("publicUrl").map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u),
          text("contentDir").map(Path::of),
          text("instructorPassword"),
          jwtSecret,
          text("allowedOrigins").map(s -> Arrays.stream(s.split(",")).map(String::trim)
              .filter(o -> !o.isEmpty()).toList()).orElse(List.of()),
          parse("timeZone", ZoneId::of).orElse(ZoneId.systemDefault()),
          Duration.ofMinutes(integer("instructorTokenMinutes", 1, 7 * 24 * 60)),
          Duration.ofMinutes(integer("studentTokenMinutes", 1, 7 * 24 * 60)),
          Duration.ofSeconds(integer("warningSeconds", 0, 3600)),
          Duration.ofSeconds(integer("graceSeconds", 0, 600)),
          maxFrameBytes,
          integer("maxCardChars", 1, 10_000),
          opsPerSecond,
          integer("opsBurst", 1, 100_000),
          text("dbUrl"),
          text("dbUser"),
          text("dbPassword"),
          bool("fsync"),
          cluster,
          bool("trustProxy"),
          Duration.ofSeconds(integer("nudgeNoCardSeconds", 1, 86_400)),
          Duration.ofSeconds(integer("nudgeIdleSeconds", 1, 86_400)),
          metrics(),
          new ServerConfig.Memory(integer("historyEvents", 1, 1_000_000), integer("retryWindow", 1, 1_000_000),
              Duration.ofSeconds(integer("idleUnloadSeconds", 1, 7 * 24 * 3600)),
              integer("maxLoadedWorkshops", 1, 1_000_000)),
          eventLoops());
    }

    /** The event loops the rooms are spread over: by default one per core available. */
    private int eventLoops() {
      if (text("eventLoops").isEmpty()) {
        return Runtime.getRuntime().availableProcessors();
      }
      return integer("eventLoops", 1, ServerConfig.MAX_EVENT_LOOPS);
    }

    /**
     * A cluster refuses to start on a missing or short key rather than have every node make its
     * own (tokens from one node would fail on the others), and needs a shared PostgreSQL store.
     */
    private Optional<ServerConfig.Cluster> cluster(Optional<String> jwtSecret) {
      if (!bool("cluster")) {
        return Optional.empty();
      }
      if (jwtSecret.map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32).orElse(true)) {
        problems.add("a cluster needs the same signing key on every node: set jwtSecret (WORKSHOP_JWT_SECRET) or"
            + " jwtSecretFile to at least 32 bytes");
      }
      if (!text("dbUrl").map(u -> u.startsWith("jdbc:postgresql:")).orElse(false)) {
        problems.add("a cluster needs a shared PostgreSQL store: set dbUrl (WORKSHOP_DB_URL) to a"
            + " jdbc:postgresql: URL");
      }
      List<String> members = text("clusterMembers").map(s -> Arrays.stream(s.split(",")).map(String::trim)
          .filter(m -> !m.isEmpty()).toList()).orElse(List.of());
      if (members.isEmpty()) {
        problems.add("a cluster needs clusterMembers (WORKSHOP_CLUSTER_MEMBERS), e.g. 127.0.0.1:5701,127.0.0.1:5702");
      }
      for (String m : members) {
        if (!m.matches("[^:\\s]+:\\d{1,5}")) {
          problems.add("cluster member '" + m + "' must be host:port (one port, no range)");
        }
      }
      return Optional.of(new ServerConfig.Cluster(text("clusterName").orElse("breakout-workshop"),
          text("clusterHost").orElse("127.0.0.1"), integer("clusterPort", 1, 65535), members));
    }

    /** The management port for Prometheus; {@code metrics: false} turns it off (and the meters with it). */
    private Optional<ServerConfig.Management> metrics() {
      if (!bool("metrics")) {
        return Optional.empty();
      }
      int port = integer("metricsPort", 0, 65535);
      if (port != 0 && text("port").equals(Optional.of(String.valueOf(port)))) {
        problems.add("metricsPort must differ from port (" + port + "): metrics have a port of their own");
      }
      return Optional.of(new ServerConfig.Management(text("metricsHost").orElse("127.0.0.1"), port));
    }

    private Optional<String> readSecretFile(String file) {
      try {
        return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty());
      } catch (IOException | UncheckedIOException e) {
        problems.add("cannot read jwtSecretFile " + file + ": " + e.getMessage());
        return Optional.empty();
      }
    }

    private Optional<String> text(String name) {
      String v = values.get(name);
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private <T> Optional<T> parse(String name, Function<String, T> parser) {
      return text(name).flatMap(v -> {
        try {
          return Optional.of(parser.apply(v));
        } catch (RuntimeException e) {
          problems.add("setting '" + name + "' has an invalid value '" + v + "'");
          return Optional.empty();
        }
      });
    }

    private int integer(String name, int min, int max) {
      Optional<String> raw = text(name);
      if (raw.isEmpty()) {
        problems.add("setting '" + name + "' needs a whole number from " + min + " to " + max);
        return min;
      }
      try {
        int v = Integer.parseInt(raw.get());
        if (v < min || v > max) {
          problems.add("setting '" + name + "' is " + v + ", must be from " + min + " to " + max);
        }
        return v;
      } catch (NumberFormatException e) {
        problems.add("setting '" + name + "' must be a whole number from " + min + " to " + max
            + " (got '" + raw.get() + "')");
        return min;
      }
    }

    private double decimal(String name, double min, double max) {
      try {
        double v = Double.parseDouble(text(name).orElse(""));
        if (!(v >= min && v <= max)) {
          problems.add("setting '" + name + "' is " + v + ", must be from " + min + " to " + max);
        }
        return v;
      } catch (NumberFormatException e) {
        problems.add("setting '" + name + "' must be a number from " + min + " to " + max);
        return min;
      }
    }

    private boolean bool(String name) {
      String v = text(name).orElse("false").toLowerCase(Locale.ROOT);
      if (!v.equals("true") && !v.equals("false")) {
        problems.add("setting '" + name + "' must be true or false (got '" + v + "')");
      }
      return v.equals("true");
    }
  }
}
