package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.gantry.core.spi.TaskOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script reaches its container in the create call ({@link ScriptBoot}) or in a copied archive
 * ({@link TaskArchive}); the task sees the same either way, and images whose user is not root take
 * the archive.
 */
class ScriptDeliveryIT extends WithDockerEngine {

  /** Everything a script could notice about how it was delivered. */
  private static final String PROBE = String.join("\n",
      "echo \"\\$0=$0 \\$#=$# pwd=$(pwd) umask=$(umask)\"",
      "ls -ln /gantry | sed 1d | awk '{print $1, $3, $4, $5, $9}'",
      "printf 'quotes \" and %s and $HOME\\n' \"'\"",
      "echo -n result > \"$GANTRY_OUTPUT\"");
  private static final String NON_ROOT_IMAGE = "gantry-test-nonroot:latest";

  @AfterAll
  static void removeNonRootImage() {
    if (docker != null) {
      try {
        docker.removeImageCmd(NON_ROOT_IMAGE).withForce(true).exec();
      } catch (NotFoundException neverBuilt) {
        // nothing to remove
      }
    }
  }

  @Test
  void aScriptSeesTheSameInTheCreateCallAsInAnArchive() {
    TestTask inCall = TestTask.script(PROBE);
    TestTask inArchive = TestTask.script(PROBE).file("unused.txt", "forces the archive");
    assertThat(ScriptBoot.fits(inCall.build())).isTrue();
    assertThat(ScriptBoot.fits(inArchive.build())).isFalse();
    RecordingSink viaCall = new RecordingSink();
    RecordingSink viaArchive = new RecordingSink();

    TaskOutcome called = run(newJob(), inCall, viaCall);
    TaskOutcome archived = run(newJob(), inArchive, viaArchive);

    assertThat(called).isEqualTo(new TaskOutcome(0, "result", null));
    assertThat(archived).isEqualTo(called);
    assertThat(viaCall.texts()).containsExactly(
        "$0=/gantry/entrypoint $#=0 pwd=/shared umask=0022",
        "-rwxr-xr-x 0 0 " + PROBE.getBytes(StandardCharsets.UTF_8).length + " entrypoint",
        "-rw-rw-rw- 0 0 0 output",
        "-rw-rw-rw- 0 0 0 progress",
        "quotes \" and ' and $HOME");
    assertThat(viaArchive.texts()).isEqualTo(viaCall.texts());
  }

  @Test
  void aScriptWithAnInterpreterLineRunsWithIt() {
    RecordingSink sink = new RecordingSink();

    TaskOutcome outcome = run(newJob(), TestTask.script("#!/bin/sh -e\nfalse\necho not reached"), sink);

    assertThat(outcome.exitCode()).as("sh -e stops at false").isEqualTo(1);
    assertThat(sink.texts()).isEmpty();
  }

  @Test
  void aTooLongScriptTakesTheArchive() {
    String script = "# " + "x".repeat(ScriptBoot.MAX_SCRIPT_BYTES) + "\necho made it";
    assertThat(ScriptBoot.fits(TestTask.script(script).build())).isFalse();
    RecordingSink sink = new RecordingSink();

    run(newJob(), TestTask.script(script), sink);

    assertThat(sink.texts()).containsExactly("made it");
  }

  @Test
  void aNonRootImageGetsTheArchiveAndCanStillReportAResult(@TempDir Path context) throws IOException {
    Files.writeString(context.resolve("Dockerfile"), "FROM " + TestTask.IMAGE + "\nUSER 65534\n");
    docker.buildImageCmd(context.toFile()).withTags(Set.of(NON_ROOT_IMAGE)).withPull(false)
        .exec(new BuildImageResultCallback()).awaitImageId();
    assertThat(new ImageSource(docker, PullPolicy.NEVER, Duration.ofMinutes(1)).runsAsRoot(NON_ROOT_IMAGE)).isFalse();
    RecordingSink sink = new RecordingSink();

    TaskOutcome outcome = run(newJob(), TestTask.script("id -u\necho -n mine > $GANTRY_OUTPUT").image(NON_ROOT_IMAGE), sink);

    assertThat(outcome).isEqualTo(new TaskOutcome(0, "mine", null));
    assertThat(sink.texts()).containsExactly("65534");
  }

  @Test
  void whoCountsAsRoot() {
    assertThat(ImageSource.isRoot("")).isTrue();
    assertThat(ImageSource.isRoot("root")).isTrue();
    assertThat(ImageSource.isRoot("0:0")).isTrue();
    assertThat(ImageSource.isRoot("root:wheel")).isTrue();
    assertThat(ImageSource.isRoot("65534")).isFalse();
    assertThat(ImageSource.isRoot("nobody")).isFalse();
    assertThat(ImageSource.isRoot("1000:0")).isFalse();
    assertThat(ImageSource.isRoot(null)).as("a missing image").isFalse();
  }
}
