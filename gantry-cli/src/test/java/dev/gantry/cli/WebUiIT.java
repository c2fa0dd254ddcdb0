package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.spi.RuntimeResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web UI in a real headless Chromium against a real standalone Gantry (H2, the real Docker
 * engine), authentication off: the job list shows every dialect's jobs and escapes their names,
 * a running job's log comes in line by line without a reload, cancel stops the container, an
 * invalid job's error is shown at its field, and no page asks another host for anything.
 * With {@code -Dgantry.screenshots=DIR} it also saves the main pages as PNGs there (the README's).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {

  private static final String XSS = "<img src=x onerror=alert(1)>";
  /** Jobs on a queue no worker serves: they wait, so the list has a full page of them. */
  private static final String WAITING = "name: waiting %d\ntags: [ui, idle]\ntasks: [{name: t, image: 'busybox:latest', "
      + "queue: nobody-serves, run: 'true'}]\n";

  @TempDir static Path dataDir;
  static StandaloneFixture gantry;
  static HeadlessChromium browser;
  static Path screenshots;

  @BeforeAll
  static void start() throws java.io.IOException {
    Services.requireDocker();
    HeadlessChromium.require();
    // builds.sr.ht's manifests may name busybox (the held job's image): no other image is on this machine.
    Path images = java.nio.file.Files.writeString(dataDir.resolve("sourcehut-images"), "busybox busybox:latest none\n");
    gantry = new StandaloneFixture(dataDir.resolve("gantry"), dev.gantry.core.spec.HostAccessPolicy.NONE,
        new dev.gantry.server.sourcehut.SourcehutSettings(null, Duration.ofSeconds(60),
            dev.gantry.server.sourcehut.SourcehutImages.withFile(images)));
    browser = new HeadlessChromium(gantry.http().base());
    String dir = System.getProperty("gantry.screenshots");
    screenshots = dir == null || dir.isBlank() ? Path.of("target", "screenshots") : Path.of(dir);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (gantry != null) {
      gantry.close();
    }
  }

  @Test
  @Order(1) // it counts the jobs: before the other tests submit theirs
  void theJobListShowsEveryDialectsJobsAndAPageOfTwentyRendersQuickly() {
    for (int i = 1; i <= 18; i++) {
      gantry.http().submit(WAITING.formatted(i));
    }
    String tork = gantry.http().submit("""
        name: built the Tork way
        tags: [ci, tork]
        tasks:
          - {name: compile, image: 'busybox:latest', run: 'echo compiled'}
          - {name: test, image: 'busybox:latest', run: 'echo tested'}
        """);
    String hades = hadesBuild("""
        {"name": "built the Hades way", "steps": [{"id": 1, "name": "Say Hello", "image": "busybox:latest",
         "script": "echo Hello from Hades!"}]}""");
    gantry.awaitEnd(tork);
    gantry.awaitEnd(hades);

    browser.open("#/jobs");
    browser.until(d -> names().containsAll(List.of("built the Tork way", "built the Hades way")) ? true : null);
    assertThat(browser.count("tr.job-row")).isEqualTo(20);
    assertThat(browser.text("tr.job-row[data-id='" + hades + "'] .state")).isEqualTo("COMPLETED");
    assertThat(browser.text("#jobs-status")).isEqualTo("20 jobs");
    // Rendering a page of twenty (after its one request answered): measured, printed, not asserted (a shared machine).
    double renderMs = ((Number) browser.script("return window.gantryJobsRenderMs")).doubleValue();
    System.out.printf("[web UI] a page of 20 jobs rendered in %.1f ms%n", renderMs);
    browser.screenshot(screenshots.resolve("jobs.png"));

    // Search with the API's q, and the filters: tag and state.
    browser.go("#/jobs?q=hades");
    browser.until(d -> names().equals(List.of("built the Hades way")) ? true : null);
    browser.go("#/jobs?tag=tork");
    browser.until(d -> names().equals(List.of("built the Tork way")) ? true : null);
    // The dialect filter, from the select as a person uses it.
    browser.go("#/jobs");
    browser.until(d -> names().size() == 20 ? true : null);
    assertThat(browser.script("return [...document.querySelectorAll('#dialect option')].map(o => o.value)"))
        .isEqualTo(List.of("", "tork", "hades", "daestro", "sourcehut"));
    browser.script("const s = document.getElementById('dialect'); s.value = 'hades'; s.dispatchEvent(new Event('change'))");
    browser.until(d -> names().equals(List.of("built the Hades way")) ? true : null);
    assertThat(browser.text("tr.job-row td.dialect")).isEqualTo("hades");
    assertThat(browser.driver().getCurrentUrl()).endsWith("#/jobs?dialect=hades");
    browser.go("#/jobs?dialect=tork&q=built");
    browser.until(d -> names().equals(List.of("built the Tork way")) ? true : null);
    browser.go("#/jobs?state=SCHEDULED&q=waiting");
    browser.until(d -> names().size() == 18 && names().stream().allMatch(n -> n.startsWith("waiting")) ? true : null);
    // Live: a job submitted meanwhile shows up without a reload.
    browser.go("#/jobs?tag=ui");
    browser.script("window.notReloaded = true");
    browser.until(d -> names().size() == 18 ? true : null);
    gantry.http().submit(WAITING.formatted(19));
    browser.until(d -> names().contains("waiting 19") ? true : null);
    assertThat(browser.script("return window.notReloaded")).isEqualTo(true);
    assertThat(browser.text("#jobs-status")).isEqualTo("19 jobs");
    // Paging: page 2 holds what page 1 did not.
    assertThat(browser.element("#older").isEnabled()).isFalse();
    browser.go("#/jobs");
    browser.until(d -> browser.element("#older").isEnabled() ? true : null);
    browser.element("#older").click();
    browser.until(d -> d.getCurrentUrl().endsWith("page=2") && browser.text("#jobs-status").equals("21 jobs")
        && browser.count("tr.job-row") == 1 ? true : null);
  }

  @Test
  void aJobNamedWithMarkupShowsTheMarkupAsText() {
    String id = gantry.http().submit("name: '" + XSS + "'\ndescription: '<b>bold</b>'\ntags: ['<i>t</i>']\n"
        + "tasks: [{name: '<script>alert(2)</script>', image: 'busybox:latest', run: 'echo \"<img src=y onerror=alert(3)>\"'}]\n");
    gantry.awaitEnd(id);
    browser.open("#/jobs?q=onerror");
    String row = "tr.job-row[data-id='" + id + "']";
    assertThat(browser.text(row + " td.name a")).isEqualTo(XSS);
    assertThat(browser.text(row)).contains("<b>bold</b>", "<i>t</i>");
    assertThat(browser.count(row + " img, " + row + " b, " + row + " i, " + row + " script")).isZero();

    browser.go("#/jobs/" + id);
    browser.until(d -> browser.text("#log").contains("<img src=y onerror=alert(3)>") ? true : null);
    assertThat(browser.text("#job-name")).isEqualTo(XSS);
    assertThat(browser.text("#runs")).contains("<script>alert(2)</script>");
    assertThat(browser.count("#app img, #app b, #app i, #app script")).isZero();
    // No alert ran: an open alert would fail this call.
    assertThat(browser.script("return document.title")).isEqualTo("Gantry");
  }

  @Test
  void aRunningJobsLogComesInLineByLineWithoutAReload() {
    String id = gantry.http().submit("""
        name: slow printer
        tasks:
          - name: print
            image: busybox:latest
            run: |
              printf '\\033[31mred on stderr\\033[0m\\n' >&2
              for i in 1 2 3 4 5 6; do echo "line $i"; sleep 1; done
          - {name: after, image: 'busybox:latest', run: 'echo second task'}
        """);
    browser.open("#/jobs/" + id);
    browser.script("window.notReloaded = true");
    browser.until(d -> browser.text("#log").contains("line 1") ? true : null);
    String early = browser.text("#log");
    // It is still running while its first lines are on screen, and the later ones come after.
    assertThat(early).doesNotContain("line 6", "second task");
    assertThat(gantry.http().job(id).path("state").asText()).isEqualTo("RUNNING");
    browser.until(d -> browser.text("#log").contains("line 3") ? true : null);
    browser.screenshot(screenshots.resolve("job-running.png"));
    browser.until(d -> browser.text("#log").contains("second task") ? true : null);
    browser.until(d -> browser.text("#log-state").equals("ended: COMPLETED") ? true : null);
    assertThat(browser.script("return window.notReloaded")).isEqualTo(true);

    List<String> lines = new ArrayList<>();
    browser.all("#log .line").forEach(line -> lines.add(line.getText()));
    assertThat(lines).hasSize(8);
    WebElement stderr = browser.element("#log .line.stderr");
    assertThat(stderr.getText()).contains("red on stderr");
    assertThat(stderr.findElement(By.cssSelector(".ansi-fg1")).getText()).isEqualTo("red on stderr");
    assertThat(browser.all("#log .line.stdout")).hasSize(7);
    // Per stream, per task and by search.
    selectByValue("#log-stream", "stderr");
    assertThat(visibleLines()).hasSize(1);
    selectByValue("#log-stream", "");
    String after = gantry.http().job(id).path("execution").get(1).path("id").asText();
    browser.element("#log-task option[value='" + after + "']"); // the page names the run at its next look at the job
    selectByValue("#log-task", after);
    assertThat(visibleLines()).hasSize(1).first().asString().contains("second task");
    selectByValue("#log-task", "");
    browser.element("#log-search").sendKeys("line 4");
    assertThat(visibleLines()).hasSize(1);
    assertThat(browser.text("#log-count")).isEqualTo("1 of 8 lines");
    browser.script("const s = document.getElementById('log-search'); s.value = ''; s.dispatchEvent(new Event('input'))");
    assertThat(browser.text("#log-count")).isEqualTo("8 lines");
    // Download: the lines shown, stderr marked (the file is the blob the page hands the browser).
    browser.script("window.downloaded = null; const make = URL.createObjectURL;"
        + " URL.createObjectURL = (blob) => { blob.text().then((t) => { window.downloaded = t; }); return make(blob); }");
    browser.element("#log-download").click();
    String downloaded = browser.until(d -> (String) browser.script("return window.downloaded"));
    assertThat(downloaded.lines()).hasSize(8).contains("[stderr] red on stderr", "line 1", "second task");
    assertThat(browser.text("#runs")).contains("print", "after", "COMPLETED");
    assertThat(browser.all("#timeline .slot")).hasSize(2);
    assertThat((String) browser.script("return document.getElementById('spec').textContent"))
        .contains("\"image\": \"busybox:latest\"").contains("for i in 1 2 3 4 5 6");
    browser.screenshot(screenshots.resolve("job.png"));
  }

  @Test
  void cancelInTheUiStopsTheContainer() {
    String id = gantry.http().submit("name: runs for ever\ntasks: [{name: sleep, image: 'busybox:latest', run: 'echo started; sleep 600'}]\n");
    browser.open("#/jobs/" + id);
    browser.until(d -> browser.text("#log").contains("started") ? true : null);
    assertThat(containers(id)).isNotEmpty();
    browser.element("#cancel").click();
    browser.until(d -> browser.text("#job-state").equals("CANCELLED") ? true : null);
    assertThat(gantry.http().job(id).path("state").asText()).isEqualTo("CANCELLED");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> containers(id).isEmpty());
    browser.until(d -> browser.element("#restart").isEnabled() && !browser.element("#cancel").isEnabled() ? true : null);
  }

  @Test
  void anInvalidJobShowsTheApisErrorAtItsField() {
    browser.open("#/submit");
    WebElement editor = browser.element("#editor");
    String yaml = String.join("\n", "name: not valid", "tasks:", "  - name: first", "    image: busybox:latest",
        "    run: echo ok", "  - name: second", "    run: echo no", "    image: 'Not A Valid::Image'", "");
    browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", editor, yaml);
    long before = gantry.http().get("/jobs?size=1").body().path("totalItems").asLong();
    browser.element("#submit").click();
    WebElement error = browser.element("#submit-error");
    assertThat(error.getText()).isEqualTo("line 8: tasks[1].image: 'Not A Valid::Image' is not a valid image reference");
    assertThat(error.getAttribute("data-field")).isEqualTo("tasks[1].image");
    assertThat(browser.text(".gutter .error-line")).isEqualTo("8");
    assertThat(browser.script("return arguments[0].value.substring(arguments[0].selectionStart, arguments[0].selectionEnd)",
        editor)).isEqualTo("    image: 'Not A Valid::Image'");
    browser.screenshot(screenshots.resolve("submit.png"));
    assertThat(gantry.http().get("/jobs?size=1").body().path("totalItems").asLong()).isEqualTo(before);

    // A missing field points at the task that lacks it; a valid job is submitted and linked.
    browser.script("arguments[0].value = arguments[1]", editor, "name: ok\ntasks:\n  - name: only\n    run: echo hi\n");
    browser.element("#submit").click();
    browser.until(d -> browser.text("#submit-error").equals("line 3: tasks[0].image: is required") ? true : null);
    browser.script("arguments[0].value = arguments[1]", editor,
        "name: from the UI\ntasks:\n  - {name: only, image: 'busybox:latest', run: echo hi}\n");
    browser.element("#submit").click();
    browser.element("#submit-result a").click();
    browser.until(d -> browser.text("#job-name").equals("from the UI") ? true : null);
  }

  @Test
  void aHeldJobIsStartedFromItsPage() {
    Http.Response made = gantry.http().postJson("/api/jobs",
        "{\"manifest\": \"image: busybox\\ntasks:\\n  - hello: echo held then started\\n\", \"execute\": false}");
    assertThat(made.status()).as(made.toString()).isEqualTo(200);
    String id = gantry.http().get("/jobs?q=dialect:sourcehut%20pending").body().path("items").get(0).path("id").asText();
    browser.open("#/jobs/" + id);
    browser.until(d -> browser.text("#job-state").equals("PENDING") ? true : null);
    assertThat(browser.element("#start").isEnabled()).isTrue();
    assertThat(gantry.http().job(id).path("state").asText()).isEqualTo("PENDING");
    browser.element("#start").click();
    browser.until(d -> browser.text("#job-message").equals("Started.") ? true : null);
    browser.until(d -> browser.text("#log").contains("held then started") ? true : null);
    gantry.awaitEnd(id);
    browser.until(d -> browser.text("#job-state").equals("COMPLETED") && browser.count("#start") == 0 ? true : null);
  }

  @Test
  void theDefinitionsPageShowsEachVersionWithSensitiveValuesRedacted() {
    String definition = "{\"name\": \"ui::build\", \"image\": \"busybox:latest\", \"parameters\": {\"target\": \"all\"},"
        + " \"env\": {\"MODE\": {\"value\": \"fast\"}, \"API_KEY\": {\"value\": \"s3cr3t-never-shown\", \"sensitive\": true}}}";
    assertThat(gantry.http().postJson("/definitions", definition).status()).isEqualTo(201);
    assertThat(gantry.http().postJson("/definitions", definition.replace("fast", "slow")).status()).isEqualTo(201);
    browser.open("#/definitions");
    String row = "tr.definition-row[data-name='ui::build']";
    browser.until(d -> browser.count(row) == 1 ? true : null);
    assertThat(browser.text(row)).contains("ui::build", "2", "busybox:latest");
    browser.element(row + " td.name a").click();
    browser.until(d -> browser.count(".definition-version") == 2 ? true : null);
    assertThat(browser.text("#definition-name")).isEqualTo("ui::build");
    assertThat(browser.text(".definition-version[data-version='2']")).contains("ui::build:2", "slow", "target", "all",
        "API_KEY", "redacted (sensitive)");
    assertThat(browser.text(".definition-version[data-version='1']")).contains("fast").doesNotContain("slow");
    assertThat((String) browser.script("return document.documentElement.outerHTML")).doesNotContain("s3cr3t");
    browser.screenshot(screenshots.resolve("definitions.png"));
    browser.go("#/definitions/nobody-made-this");
    browser.until(d -> browser.text("#definitions-message").contains("not found") ? true : null);
  }

  @Test
  void everyPageAsksOnlyThisServer() {
    browser.open("#/jobs");
    browser.element("tr.job-row, #jobs p");
    for (String page : new String[] {"#/submit", "#/scheduled", "#/nodes", "#/queues", "#/definitions"}) {
      browser.go(page);
      browser.element("#page-" + page.substring(2) + " h1");
    }
    browser.go("#/nodes");
    browser.until(d -> browser.count("tr.node-row") == 1 ? true : null);
    assertThat(browser.text("#nodes")).contains("UP");
    browser.screenshot(screenshots.resolve("nodes.png"));
    browser.go("#/queues");
    // The standalone worker's queue (and any with waiting jobs) shows its settings: the defaults, none set here.
    browser.until(d -> browser.count("tr.queue-row") >= 1 ? true : null);
    assertThat(browser.text("#queues thead")).contains("Priority", "Max concurrent", "Enabled");
    assertThat(browser.text("#queues")).contains("no limit", "enabled");
    browser.go("#/scheduled");
    browser.element("#scheduled p, #scheduled table");
    assertThat(browser.requestedUrls()).anyMatch(url -> url.endsWith("/ui/app.js")).anyMatch(url -> url.contains("/nodes"));
    assertThat(browser.requestsElsewhere()).isEmpty();
    // The policy refused nothing the pages do (no inline script or style they rely on), and no script failed.
    assertThat(browser.console()).noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
        .noneMatch(m -> m.contains("Uncaught"));
  }

  /** The names the job list shows, read in one go (the list is redrawn every two seconds). */
  @SuppressWarnings("unchecked")
  private static List<String> names() {
    return (List<String>) browser.script(
        "return [...document.querySelectorAll('tr.job-row td.name a')].map(a => a.textContent)");
  }

  private static List<String> visibleLines() {
    List<String> lines = new ArrayList<>();
    browser.all("#log .line").stream().filter(WebElement::isDisplayed).forEach(line -> lines.add(line.getText()));
    return lines;
  }

  private static void selectByValue(String css, String value) {
    browser.script("const s = document.querySelector(arguments[0]); s.value = arguments[1];"
        + " s.dispatchEvent(new Event('change'))", css, value);
  }

  private static List<RuntimeResource> containers(String jobId) {
    return gantry.leftovers(jobId).stream().filter(r -> r.kind() == RuntimeResource.Kind.CONTAINER).toList();
  }

  private static String hadesBuild(String json) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(gantry.http().base() + "/build")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("id").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
