package dev.breakout.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The command line of {@code load-test/run}. Every option has a default that fits the target load. */
final class Options {
  enum Mode { COMPARE, CAPACITY, MEMORY, CLUSTER, SOAK }

  Mode mode = Mode.COMPARE;
  List<String> rawArgs = List.of();
  int students = 2000;
  int groupSize = 5;
  int dashboards = 40;
  int groupsPerWorkshop = Layout.MAX_GROUPS_PER_WORKSHOP;
  /** Edits per student per second (1: one edit every second). */
  double rate = 1;
  int seconds = 60;
  int warmup = 30;
  int drain = 5;
  int rounds = 3;
  List<String> contenders = new ArrayList<>(List.of("ours", "baseline", "node"));
  Path out;
  boolean pin = true;
  String serverCpus = "0";
  /** Only printed: the run script pins the generator itself, with taskset -c 1. */
  String generatorCpus = "1";
  int shards = 0;
  /**
   * JVM options of the two Java servers, so the GC is the same. load-test/run passes bin/run's
   * (bin/server-jvm); called directly (tests), the JVM's own defaults.
   */
  String serverJvmOpts = "";
  /**
   * The java binary of the two Java servers. load-test/run passes bin/run's choice (bin/server-jvm);
   * called directly (tests), the java running this harness.
   */
  Path serverJava = Path.of(ProcessHandle.current().info().command().orElse("java"));
  /** Settings for our server, e.g. WORKSHOP_EVENT_LOOPS=2 (repeatable --server-env). */
  final java.util.Map<String, String> serverEnv = new java.util.LinkedHashMap<>();
  boolean profile;
  Path repo = Path.of(".").toAbsolutePath().normalize();
  Path oursJar;
  /** When set, our server is started as {@code java -cp <this> dev.breakout.server.Main} (tests). */
  String oursClasspath;
  Path nodeDir;
  Path workDir;

  // capacity
  boolean capacityInCompare = true;
  int capacityStart = -1;
  int capacityStep = 1000;
  int capacityResolution = 250;
  int capacityMax = 20_000;
  /** At least 30 s measured per round of a level, so that one short window cannot decide it (issue 15). */
  int capacitySeconds = 30;
  int capacityWarmup = 30;
  /** Whole searches; each level is already repeated until two rounds agree, so one search is the default. */
  int capacityRounds = 1;
  /** The most counted rounds at one level before it is called unsettled (counted as not sustained). */
  int capacityLevelRounds = 5;
  double p99LimitMs = 25;
  /** Rounds whose server CPU was this busy with other processes are flagged as disturbed. */
  double disturbedPercent = 10;

  // memory
  int memoryConnections = 10_000;
  int memorySteps = 4;

  // soak
  int soakWorkshops = 200;
  int soakMinutes = 0;
  int soakStudents = 100;
  int soakDashboards = 2;
  int soakSeconds = 10;
  int soakEvery = 20;
  double soakFlatKiB = 16;

  // cluster
  String dbUrl;
  String pgBin;

  static final String USAGE = """
      usage: load-test/run [options]

      Runs our server, a bare Vert.x WebSocket server (baseline) and a socket.io server (node) in turn,
      A B C A B C ..., under the same open-loop load, and prints a side-by-side table.

      load:
        --students N          students (default 2000)
        --group-size K        students per group (default 5)
        --dashboards D        instructor dashboards, spread over the workshops (default 40)
        --groups-per-workshop G  at most G groups per workshop (default 200, our server's limit);
                              each dashboard follows one workshop, so this sets its fan-in
        --rate R              edits per student per second (default 1; 0.5 = one every 2 s)
        --every S             the same as --rate 1/S: each student edits every S seconds
        --seconds T           measured seconds per round (default 60)
        --warmup W            seconds of load before measuring, per round (default 30: the JIT of
                              our server is still compiling after 10 s on one core)
        --drain S             seconds to wait for late deliveries after the last edit (default 5)
        --rounds R            rounds of A B C (default 3)
        --contenders LIST     comma-separated: ours,baseline,node (default all three), and synthesis:
                              our server with every dashboard showing the class synthesis
                              (e.g. --contenders ours,synthesis: both in the same run)
        --out FILE            also write the results as JSON
      modes (default: the comparison, then the capacity search):
        --no-capacity         the comparison only
        --capacity            the capacity search only: add students until a level is not sustained
                              (delivery p99 over --p99-limit-ms (25), or anything lost); each level is
                              run until two consecutive rounds agree; reports the highest sustained
        --memory              idle authenticated connections in steps; resident memory per connection after a full GC
        --cluster             our server as two nodes on one PostgreSQL against one node on the same database
        --soak                whole workshops through one server (ours), one after another; the heap
                              after a full GC every --soak-every workshops, its slope per workshop
      capacity:
        --capacity-start N    first level (default: --students)     --capacity-step N    (default 1000)
        --capacity-resolution N (default 250)   --capacity-max N (default 20000)
        --capacity-seconds S  measured seconds per round of a level (default 30)
        --capacity-warmup S   (default 30)                           --p99-limit-ms MS (default 25)
        --capacity-level-rounds N  at most N counted rounds per level; a level whose last two rounds
                              still disagree then is unsettled, counted as not sustained (default 5)
        --capacity-rounds R   whole searches, each from --capacity-start (default 1)
      memory:
        --memory-connections N (default 10000)   --memory-steps S (default 4)
      soak:
        --soak-workshops N    workshops one after another (default 200)
        --soak-minutes M      instead: as many as fit in M minutes (default 0: use --soak-workshops)
        --soak-students N     students per workshop (default 100, in --group-size groups)
        --soak-dashboards D   dashboards per workshop, the first runs the exercise (default 2)
        --soak-seconds S      seconds every student writes (--rate edits/s) per workshop (default 10)
        --soak-every N        heap after a full GC every N workshops (default 20)
        --soak-flat-kib K     the verdict is FLAT when what a workshop leaves behind once it has left
                              memory is at most K KiB (default 16)
        --soak-verdict FILE   (alone) judge the heap readings of a soak's JSON again
      cluster:
        --db-url URL          an existing PostgreSQL (jdbc:postgresql://...); default: a throwaway one
                              started from --pg-bin (default /usr/lib/postgresql/*/bin)
      machine:
        --no-pin              do not pin the servers (taskset -c 0)
        --server-cpus LIST    CPUs for the server under test (default 0)
        --shards N            generator event loops (default: the CPUs the generator may use)
        --server-jvm-opts S   JVM options for the two Java servers (default: bin/run's, from
                              bin/server-jvm: the options for the JDK it picks)
        --server-java FILE    the java binary of the two Java servers, e.g.
                              /usr/lib/jvm/temurin-25-jdk-amd64/bin/java (default: bin/run's,
                              from bin/server-jvm); jcmd is taken from beside it
        --server-env K=V      a WORKSHOP_* setting for our server (repeatable), e.g.
                              WORKSHOP_EVENT_LOOPS=2 (default: one loop per CPU it may use)
        --profile             record JFR in the Java servers for each measured window (jcmd JFR.start)
                              and write a summary next to it (<work-dir>/<run>/<label>.jfr.txt)
        --summarize-jfr FILE  (alone) print that summary for any JFR recording
        --repo DIR            the repository root (default: the current directory)
        --ours-jar FILE       default: workshop-server/target/workshop-server.jar
        --node-dir DIR        default: load-test/node
        --work-dir DIR        data directories and server logs (default: load-test/target/bench)
      """;

  static Options parse(String[] args) {
    Options o = new Options();
    o.rawArgs = List.of(args);
    boolean capacityOnly = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "-h", "--help" -> throw new UsageException(null);
        case "--no-capacity" -> o.capacityInCompare = false;
        case "--capacity" -> capacityOnly = true;
        case "--memory" -> o.mode = Mode.MEMORY;
        case "--cluster" -> o.mode = Mode.CLUSTER;
        case "--soak" -> o.mode = Mode.SOAK;
        case "--no-pin" -> o.pin = false;
        case "--profile" -> o.profile = true;
        default -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException("option " + name + " needs a value");
            }
            value = args[++i];
          }
          o.set(name, value);
        }
      }
    }
    if (capacityOnly && o.mode == Mode.COMPARE) {
      o.mode = Mode.CAPACITY;
    }
    o.check();
    return o;
  }

  private void set(String name, String v) {
    switch (name) {
      case "--students" -> students = integer(name, v, 1);
      case "--group-size" -> groupSize = integer(name, v, 1);
      case "--dashboards" -> dashboards = integer(name, v, 0);
      case "--groups-per-workshop" -> groupsPerWorkshop = integer(name, v, 1);
      case "--rate" -> rate = decimal(name, v);
      case "--every" -> rate = 1 / decimal(name, v);
      case "--seconds" -> seconds = integer(name, v, 1);
      case "--warmup" -> warmup = integer(name, v, 0);
      case "--drain" -> drain = integer(name, v, 1);
      case "--rounds" -> rounds = integer(name, v, 1);
      case "--contenders" -> contenders = new ArrayList<>(Arrays.stream(v.split(",")).map(String::trim)
          .map(s -> s.toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList());
      case "--out" -> out = Path.of(v);
      case "--server-cpus" -> serverCpus = v;
      case "--generator-cpus" -> generatorCpus = v;
      case "--shards" -> shards = integer(name, v, 1);
      case "--server-jvm-opts" -> serverJvmOpts = v;
      case "--server-env" -> {
        int eq = v.indexOf('=');
        if (eq <= 0 || !v.startsWith("WORKSHOP_")) {
          throw new UsageException("--server-env takes WORKSHOP_NAME=value (got '" + v + "')");
        }
        serverEnv.put(v.substring(0, eq), v.substring(eq + 1));
      }
      case "--server-java" -> serverJava = Path.of(v);
      case "--repo" -> repo = Path.of(v).toAbsolutePath().normalize();
      case "--ours-jar" -> oursJar = Path.of(v);
      case "--ours-classpath" -> oursClasspath = v;
      case "--node-dir" -> nodeDir = Path.of(v);
      case "--work-dir" -> workDir = Path.of(v);
      case "--capacity-start" -> capacityStart = integer(name, v, 1);
      case "--capacity-step" -> capacityStep = integer(name, v, 1);
      case "--capacity-resolution" -> capacityResolution = integer(name, v, 1);
      case "--capacity-max" -> capacityMax = integer(name, v, 1);
      case "--capacity-seconds" -> capacitySeconds = integer(name, v, 1);
      case "--capacity-warmup" -> capacityWarmup = integer(name, v, 0);
      case "--capacity-rounds" -> capacityRounds = integer(name, v, 1);
      case "--capacity-level-rounds" -> capacityLevelRounds = integer(name, v, 2);
      case "--p99-limit-ms" -> p99LimitMs = decimal(name, v);
      case "--memory-connections" -> memoryConnections = integer(name, v, 1);
      case "--memory-steps" -> memorySteps = integer(name, v, 1);
      case "--soak-workshops" -> soakWorkshops = integer(name, v, 1);
      case "--soak-minutes" -> soakMinutes = integer(name, v, 1);
      case "--soak-students" -> soakStudents = integer(name, v, 1);
      case "--soak-dashboards" -> soakDashboards = integer(name, v, 1);
      case "--soak-seconds" -> soakSeconds = integer(name, v, 1);
      case "--soak-every" -> soakEvery = integer(name, v, 1);
      case "--soak-flat-kib" -> soakFlatKiB = decimal(name, v);
      case "--db-url" -> dbUrl = v;
      case "--pg-bin" -> pgBin = v;
      default -> throw new UsageException("unknown option " + name);
    }
  }

  private void check() {
    for (String c : contenders) {
      if (!List.of("ours", "baseline", "node", "synthesis").contains(c)) {
        throw new UsageException("unknown contender '" + c + "' (known: ours, baseline, node, synthesis)");
      }
    }
    if (groupsPerWorkshop > Layout.MAX_GROUPS_PER_WORKSHOP) {
      throw new UsageException("--groups-per-workshop is at most " + Layout.MAX_GROUPS_PER_WORKSHOP);
    }
    if (mode == Mode.SOAK && (soakStudents + groupSize - 1) / groupSize > Layout.MAX_GROUPS_PER_WORKSHOP) {
      throw new UsageException("--soak-students makes more than " + Layout.MAX_GROUPS_PER_WORKSHOP
          + " groups in one workshop");
    }
    if (contenders.isEmpty()) {
      throw new UsageException("--contenders names none");
    }
    if (!(rate > 0)) {
      throw new UsageException("--rate must be above 0");
    }
    if (!Files.isExecutable(serverJava) && !onPath(serverJava.toString())) {
      throw new UsageException("--server-java " + serverJava + " is not an executable java");
    }
    if (oursJar == null) {
      oursJar = repo.resolve("workshop-server/target/workshop-server.jar");
    }
    if (nodeDir == null) {
      nodeDir = repo.resolve("load-test/node");
    }
    if (workDir == null) {
      workDir = repo.resolve("load-test/target/bench");
    }
    if (capacityStart < 0) {
      capacityStart = students;
    }
    if (pin && !Files.isExecutable(Path.of("/usr/bin/taskset")) && !onPath("taskset")) {
      System.err.println("taskset not found: the servers run unpinned");
      pin = false;
    }
  }

  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    return Arrays.stream(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
  }

  private static int integer(String name, String v, int min) {
    try {
      int n = Integer.parseInt(v.replace("_", ""));
      if (n < min) {
        throw new UsageException(name + " must be at least " + min);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a whole number, not '" + v + "'");
    }
  }

  private static double decimal(String name, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " needs a number, not '" + v + "'");
    }
  }

  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
