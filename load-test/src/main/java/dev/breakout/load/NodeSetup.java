package dev.breakout.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Node.js contender's packages: {@code npm ci} from the lock file when they are missing. */
final class NodeSetup {
  private NodeSetup() {}

  static boolean nodeAvailable() {
    return Options.onPath("node") && Options.onPath("npm");
  }

  static synchronized void ensureInstalled(Path nodeDir) {
    if (Files.isRegularFile(nodeDir.resolve("node_modules/socket.io/package.json"))) {
      return;
    }
    if (!nodeAvailable()) {
      throw new IllegalStateException("node and npm are needed for the node contender (or leave it out with "
          + "--contenders ours,baseline)");
    }
    System.err.println("npm ci in " + nodeDir + " ...");
    try {
      Process p = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund")).directory(nodeDir.toFile())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("npm ci failed in " + nodeDir + ":\n" + out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("npm ci could not run: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String socketIoVersion(Path nodeDir) {
    try {
      return new JsonObject(Files.readString(nodeDir.resolve("node_modules/socket.io/package.json")))
          .getString("version");
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
