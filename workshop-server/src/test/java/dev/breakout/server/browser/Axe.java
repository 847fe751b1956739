package dev.breakout.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The accessibility engine axe-core, pinned in test-tools/package-lock.json and installed by
 * bin/test ({@code npm ci}), injected into the page under test. Only serious and critical
 * violations fail a test; the rest are printed as advice.
 */
final class Axe {
  static final Path SCRIPT = Path.of("..", "test-tools", "node_modules", "axe-core", "axe.min.js").toAbsolutePath().normalize();
  private static String source;

  private Axe() {}

  private static synchronized String source() {
    if (source == null) {
      if (!Files.isRegularFile(SCRIPT)) {
        throw new IllegalStateException(SCRIPT + " is missing: run bin/test (it installs test-tools with npm ci)");
      }
      try {
        source = Files.readString(SCRIPT, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source;
  }

  /**
   * Runs axe on the whole page as it is now; returns the serious and critical violations, one line
   * each (rule, impact, the first offending elements and why).
   */
  @SuppressWarnings("unchecked")
  static List<String> serious(Browser b, String state) {
    if (!Boolean.TRUE.equals(b.js("return typeof window.axe === 'object'"))) {
      b.js(source());
    }
    Object result = b.driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({"
            + "  id: v.id, impact: v.impact || '', help: v.help,"
            + "  nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\\s+/g, ' '))"
            + "}))), e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));");
    List<String> serious = new ArrayList<>();
    for (Map<String, Object> v : (List<Map<String, Object>>) result) {
      String line = b.name + " [" + state + "] " + v.get("id") + " (" + v.get("impact") + "): " + v.get("help")
          + " " + v.get("nodes");
      if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
        serious.add(line);
      } else {
        System.out.println("axe advice: " + line);
      }
    }
    return serious;
  }
}
