package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI of a real standalone process with {@code --auth on}, in a real headless Chromium: no
 * page shows any data before the person signs in with a token; the token then goes out only as
 * a Bearer header (never in a URL) and is kept for this tab only.
 */
class WebUiAuthIT {

  private static final String NAME = "the secret build";

  @TempDir static Path dataDir;
  static StandaloneProcess standalone;
  static HeadlessChromium browser;
  static String admin;
  static String job;

  @BeforeAll
  static void start() throws Exception {
    Services.requireDocker();
    HeadlessChromium.require();
    standalone = new StandaloneProcess(dataDir, "--auth", "on");
    standalone.start(Duration.ofSeconds(60));
    admin = Files.readString(dataDir.resolve("admin-token")).strip();
    job = new Http(standalone.port(), admin).submit("name: " + NAME + "\ntasks: [{name: t, image: 'busybox:latest', "
        + "run: 'echo the secret output'}]\n");
    browser = new HeadlessChromium("http://127.0.0.1:" + standalone.port());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (browser != null) {
      browser.close();
    }
    if (standalone != null) {
      standalone.stop();
    }
  }

  @Test
  void noPageShowsDataBeforeSignInAndTheTokenNeverGoesInAUrl() {
    for (String page : new String[] {"#/jobs", "#/jobs/" + job, "#/scheduled", "#/nodes", "#/queues", "#/submit"}) {
      browser.open(page);
      browser.element("#signin");
      String shown = (String) browser.script("return document.body.innerText");
      assertThat(shown).as(page).doesNotContain(NAME, job, "the secret output", "UP");
      assertThat(browser.count("table")).as(page).isZero();
    }
    browser.screenshot(Path.of(System.getProperty("gantry.screenshots", "target/screenshots"), "sign-in.png"));

    browser.element("#token").sendKeys("gantry_not-a-real-token");
    browser.element("#signin button").click();
    String refused = browser.until(d -> browser.text("#signin-message").isEmpty() ? null : browser.text("#signin-message"));
    assertThat(refused).startsWith("That token is not valid");
    assertThat(browser.script("return sessionStorage.getItem('gantry.token')")).isNull();

    // Signing in from a job's page goes back to it, and the data is there.
    browser.open("#/jobs/" + job);
    browser.element("#token").sendKeys(admin);
    browser.element("#signin button").click();
    browser.until(d -> NAME.equals(browser.text("#job-name")) ? true : null);
    browser.until(d -> browser.text("#log").contains("the secret output") ? true : null);
    assertThat(browser.script("return sessionStorage.getItem('gantry.token')")).isEqualTo(admin);
    assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
    browser.go("#/jobs");
    browser.until(d -> browser.text("#jobs").contains(NAME) ? true : null);

    assertThat(browser.requestedUrls()).noneMatch(url -> url.contains(admin)).anyMatch(url -> url.contains("/log/stream"));
    assertThat(browser.requestsElsewhere()).isEmpty();

    // Signing out forgets the token: the next page asks again.
    browser.element("#sign-out").click();
    browser.element("#signin");
    assertThat(browser.script("return sessionStorage.getItem('gantry.token')")).isNull();
    browser.open("#/jobs");
    browser.element("#signin");
    assertThat((String) browser.script("return document.body.innerText")).doesNotContain(NAME);
  }
}
