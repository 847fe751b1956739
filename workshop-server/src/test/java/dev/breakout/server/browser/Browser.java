package dev.breakout.server.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium, driven through Debian's chromedriver: no Selenium Manager, no
 * download, nothing outside the machine (docs in /work/shared/STACK-NOTES.md). Each browser has
 * its own profile under target/, so localStorage and sessionStorage are its own, like a separate
 * phone.
 */
final class Browser implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);
  static final Path TARGET = Path.of("target").toAbsolutePath();
  static final Path SCREENSHOTS = TARGET.resolve("screenshots");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  static {
    // Selenium Manager would look for (and try to download) a driver: name ours so it never runs.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    System.setProperty("SE_OFFLINE", "true");
  }

  final String name;
  final ChromeDriver driver;
  private final ChromeDriverService service;
  private Path downloads;

  private Browser(String name, ChromeDriverService service, ChromeDriver driver) {
    this.name = name;
    this.service = service;
    this.driver = driver;
  }

  /** A phone: 390×844 CSS pixels, touch, a mobile viewport. */
  static Browser phone(String name) {
    ChromeOptions options = baseOptions(name);
    Map<String, Object> metrics = new HashMap<>();
    metrics.put("width", 390);
    metrics.put("height", 844);
    metrics.put("pixelRatio", 1.0);
    metrics.put("touch", true);
    metrics.put("mobile", true);
    options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", metrics));
    return start(name, options);
  }

  /** A phone of the given size in CSS pixels (360×740: a small Android phone), touch, a mobile viewport. */
  static Browser phone(String name, int width, int height) {
    ChromeOptions options = baseOptions(name);
    Map<String, Object> metrics = new HashMap<>();
    metrics.put("width", width);
    metrics.put("height", height);
    metrics.put("pixelRatio", 1.0);
    metrics.put("touch", true);
    metrics.put("mobile", true);
    options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", metrics));
    return start(name, options);
  }

  /** Sets this (desktop) browser's viewport to exactly width×height CSS pixels. */
  void viewport(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    waitFor("a " + width + "×" + height + " viewport", d -> Long.valueOf(width).equals(js("return window.innerWidth"))
        && Long.valueOf(height).equals(js("return window.innerHeight")));
  }

  /** The instructor's laptop. */
  static Browser desktop(String name) {
    ChromeOptions options = baseOptions(name);
    options.addArguments("--window-size=1400,900");
    Path downloads = TARGET.resolve("downloads").resolve(name + "-" + System.nanoTime());
    try {
      Files.createDirectories(downloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
        "download.prompt_for_download", false));
    Browser b = start(name, options);
    b.downloads = downloads;
    return b;
  }

  /** Where this (desktop) browser saves downloads. */
  Path downloads() {
    return downloads;
  }

  private static ChromeOptions baseOptions(String name) {
    Path home = TARGET.resolve("browser-home");
    Path profile;
    try {
      Files.createDirectories(home);
      profile = Files.createTempDirectory(home, "profile-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--disable-extensions", "--mute-audio",
        // Five browsers share two cores: keep background tabs' timers running at normal speed.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
        "--lang=ko-KR", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return options;
  }

  private static Browser start(String name, ChromeOptions options) {
    Path home = TARGET.resolve("browser-home");
    Map<String, String> env = Map.of(
        "HOME", home.toString(),
        "XDG_CONFIG_HOME", home.resolve(".config").toString(),
        "XDG_CACHE_HOME", home.resolve(".cache").toString(),
        "SE_OFFLINE", "true",
        "SE_CACHE_PATH", TARGET.resolve("selenium-cache").toString());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .withEnvironment(env)
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(name, service, driver);
  }

  // ------------------------------------------------------------------ finding and waiting

  static By testId(String id) {
    return By.cssSelector("[data-testid=\"" + id + "\"]");
  }

  WebElement byTestId(String id) {
    return driver.findElement(testId(id));
  }

  List<WebElement> allByTestId(String id) {
    return driver.findElements(testId(id));
  }

  void open(String url) {
    driver.get(url);
  }

  /** Waits up to {@link #WAIT} for a non-null, non-false value; stale elements just mean "again". */
  <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return waitFor(what, WAIT, condition);
  }

  <T> T waitFor(String what, Duration timeout, Function<WebDriver, T> condition) {
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
    wait.ignoring(StaleElementReferenceException.class);
    wait.withMessage(() -> name + ": waited " + timeout.toSeconds() + " s for " + what);
    return wait.until(condition);
  }

  /** Waits until a JS expression (a function body that returns) is truthy; returns its value. */
  Object waitForJs(String what, String script, Object... args) {
    return waitFor(what, d -> {
      Object v = js(script, args);
      return v == null || Boolean.FALSE.equals(v) ? null : v;
    });
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  boolean visible(String testId) {
    List<WebElement> found = allByTestId(testId);
    return !found.isEmpty() && found.get(0).isDisplayed();
  }

  /** The texts of every [data-testid=testId] element inside the optional scope selector. */
  @SuppressWarnings("unchecked")
  List<String> texts(String scope, String testId) {
    Object v = js("const root = arguments[0] ? document.querySelector(arguments[0]) : document;"
        + "return root ? [...root.querySelectorAll('[data-testid=\"' + arguments[1] + '\"]')].map(e => e.textContent) : [];",
        scope, testId);
    return v == null ? List.of() : new ArrayList<>((List<String>) v);
  }

  // ------------------------------------------------------------------ the network, via DevTools

  void offline(boolean offline) {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
        "offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
  }

  /** Like a Korean IME building a syllable: composition updates, then the committed text. */
  void imeType(String syllable, String... compositionSteps) {
    for (String step : compositionSteps) {
      driver.executeCdpCommand("Input.imeSetComposition",
          Map.of("text", step, "selectionStart", step.length(), "selectionEnd", step.length()));
    }
    driver.executeCdpCommand("Input.insertText", Map.of("text", syllable));
  }

  void imeCompose(String step) {
    driver.executeCdpCommand("Input.imeSetComposition",
        Map.of("text", step, "selectionStart", step.length(), "selectionEnd", step.length()));
  }

  void imeCommit(String text) {
    driver.executeCdpCommand("Input.insertText", Map.of("text", text));
  }

  // ------------------------------------------------------------------ evidence

  Path screenshot(String fileName) {
    try {
      Path to = SCREENSHOTS.resolve(fileName);
      Files.createDirectories(to.getParent());
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uncaught script errors from the console; network noise (an expected 404) is left out. */
  List<String> scriptErrors() {
    List<String> errors = new ArrayList<>();
    try {
      for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
        String m = e.getMessage();
        if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !m.contains("Failed to load resource")
            && !m.contains("WebSocket connection to") && !m.contains("net::ERR_")) {
          errors.add(name + ": " + m);
        }
      }
    } catch (RuntimeException e) {
      // The log is evidence, not the test: a browser that cannot give it still ran the test.
    }
    return errors;
  }

  /** Closes the browser after a last screenshot of what it showed, for the reader of a failed run. */
  void closeWithScreenshot(String fileName) {
    try {
      screenshot(fileName);
    } catch (RuntimeException e) {
      // Nothing more to show.
    }
    close();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } catch (RuntimeException e) {
      // Already gone.
    } finally {
      service.stop();
    }
  }
}
