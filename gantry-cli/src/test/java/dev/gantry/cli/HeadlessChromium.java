package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/services} installs) on one Gantry's web UI, with its network log kept so that a test
 * can see every request a page made. One per test class: starting a browser takes a second or two.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  /** Generous: the machine is shared and a page may wait for a container to start. */
  static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChromeDriver driver;
  private final String base;
  private final List<String> requested = new ArrayList<>();

  /** Skips (or under CI fails) the calling test when Chromium or its driver is missing. */
  static void require() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      Services.missing("Chromium and its WebDriver at " + CHROMIUM + " and " + DRIVER + "; run `bash .ci/services` as root");
    }
  }

  /** A browser on the Gantry at {@code base} ({@code http://127.0.0.1:PORT}). */
  HeadlessChromium(String base) {
    this.base = base;
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--lang=en-GB");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL", LogType.BROWSER, "ALL"));
    // The driver is named: Selenium would otherwise go looking for one on the internet.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  WebDriver driver() {
    return driver;
  }

  /** Opens a page of the UI, e.g. {@code #/jobs}, as typing its address would (a fresh load). */
  void open(String fragment) {
    driver.get("about:blank"); // else a change of fragment alone would not load the page again
    driver.get(base + "/ui" + fragment);
  }

  /** Goes to a page of the UI the way its links do: without loading the page again. */
  void go(String fragment) {
    driver.executeScript("location.hash = arguments[0]", fragment);
  }

  /** Waits for {@code condition}; on a timeout the failure shows the page's address, text and console. */
  <T> T until(Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50)).until(condition);
    } catch (TimeoutException e) {
      StringBuilder console = new StringBuilder();
      driver.manage().logs().get(LogType.BROWSER).forEach(entry -> console.append(entry.getMessage()).append('\n'));
      throw new AssertionError("the page did not get there in " + PATIENCE + ": " + driver.getCurrentUrl() + "\n--- it shows:\n"
          + driver.executeScript("return document.body.innerText") + "\n--- console:\n" + console, e);
    }
  }

  WebElement element(String css) {
    return until(d -> {
      List<WebElement> found = d.findElements(By.cssSelector(css));
      return found.isEmpty() ? null : found.get(0);
    });
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The text the first element matching {@code css} shows, read in one go (pages redraw what they poll). */
  String text(String css) {
    return until(d -> (String) driver.executeScript(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : null", css));
  }

  /** How many elements match {@code css} right now. */
  long count(String css) {
    return (Long) driver.executeScript("return document.querySelectorAll(arguments[0]).length", css);
  }

  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Every URL the pages asked for since the browser started (documents, scripts, fetches, streams). */
  List<String> requestedUrls() {
    for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode message = JSON.readTree(entry.getMessage()).path("message");
        if (message.path("method").asText().equals("Network.requestWillBeSent")) {
          requested.add(message.path("params").path("request").path("url").asText());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(requested);
  }

  /** The request URLs that went anywhere but this Gantry (blob: and data: URLs are the page's own). */
  List<String> requestsElsewhere() {
    return requestedUrls().stream().filter(url -> !url.startsWith(base + "/") && !url.startsWith("blob:" + base + "/")
        && !url.startsWith("data:") && !url.equals("about:blank")).toList();
  }

  /** What the pages wrote to the console since the last call (errors, CSP refusals among them). */
  List<String> console() {
    List<String> messages = new ArrayList<>();
    driver.manage().logs().get(LogType.BROWSER).forEach(entry -> messages.add(entry.getLevel() + " " + entry.getMessage()));
    return messages;
  }

  /** Saves what the browser shows as a PNG. */
  void screenshot(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
