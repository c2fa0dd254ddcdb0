package dev.gantry.server.sourcehut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.SessionPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a manifest becomes a session: sources, the environment file, steps, and the image table. */
class BuildSessionTest {

  @TempDir Path dir;

  @Test
  void sourcesAreParsedAsTheRunnerReadsThem() {
    assertThat(SourceUrl.parse("https://git.sr.ht/~sircmpwn/scdoc"))
        .isEqualTo(new SourceUrl("git", "https://git.sr.ht/~sircmpwn/scdoc", null, "scdoc"));
    assertThat(SourceUrl.parse("dir::git+https://host/x.git#v1.2"))
        .isEqualTo(new SourceUrl("git", "https://host/x.git", "v1.2", "dir"));
    assertThat(SourceUrl.parse("hg+https://host/y/")).isEqualTo(new SourceUrl("hg", "https://host/y/", null, "y"));
    assertThat(SourceUrl.parse("git@host:me/repo.git")).isEqualTo(new SourceUrl("git", "git@host:me/repo.git", null, "repo"));
    for (String bad : new String[] {"ftp://h/x", "--upload-pack=x", "..::https://h/r", "https://h/r#", "https://h/r#-x",
        "a/b::https://h/r", "https://h/r s"}) {
      assertThatThrownBy(() -> SourceUrl.parse(bad)).as(bad).isInstanceOf(InvalidJobException.class);
    }
  }

  @Test
  void cloneCommandsQuoteEveryWordAndEndOptionsFirst() {
    String commands = SourceUrl.parse("it's::https://h/r'x#t'ag").commands();

    assertThat(commands).contains("git clone -- 'https://h/r'\\''x' 'it'\\''s'\n")
        .contains("git checkout -q 't'\\''ag'").contains("git submodule update --init --recursive");
  }

  @Test
  void theEnvironmentFileExportsValuesQuotedAndListsAsBashArrays() {
    Manifest manifest = ManifestReader.read("image: alpine/latest\nenvironment:\n  A: \"it's $HOME\"\n  N: 3\n  Z: null\n"
        + "  L: [x, \"y z\"]\ntasks: [{a: x}]\n");

    String env = BuildSession.buildenv(manifest, "https://ci.example/api/jobs/");

    assertThat(env).contains("export CI_NAME=gantry\n").contains("export JOB_ID=\"$GANTRY_JOB_NUMBER\"\n")
        .contains("export JOB_URL='https://ci.example/api/jobs/'\"$GANTRY_JOB_NUMBER\"\n")
        .contains("export A='it'\\''s $HOME'\n").contains("export N='3'\n").contains("export Z=''\n")
        .contains("eval 'L=('\\''x'\\'' '\\''y z'\\'')'").contains("complete-build");
  }

  @Test
  void setupComesFirstThenATaskPerStepWithTheScriptsAsFiles() {
    Manifest manifest = ManifestReader.read("image: alpine/latest\npackages: [git]\ntasks:\n  - build: make\n  - test: make check\n"
        + "artifacts: [out/a.tar.gz, /tmp/b]\n");

    SessionPlan plan = BuildSession.plan(manifest, SourcehutImages.defaults().of("alpine/latest"), "http://h/api/jobs/");

    assertThat(plan.steps()).extracting(SessionPlan.Step::name).containsExactly("setup", "build", "test");
    assertThat(plan.steps().get(0).command().get(2)).contains("apk upgrade -U\napk add 'git'\n");
    assertThat(plan.files()).extracting(SessionPlan.File::path)
        .containsExactly("/root/.buildenv", "/root/.tasks/build", "/root/.tasks/test");
    assertThat(plan.files().get(1).text()).isEqualTo("#!/usr/bin/env bash\n. ~/.buildenv\nset -xe\nmake\n");
    assertThat(plan.files().get(1).mode()).isEqualTo(0755);
    assertThat(plan.artifacts()).containsExactly("/root/out/a.tar.gz", "/tmp/b");
    assertThat(plan.completionMarker()).isEqualTo("/root/.complete-build");
  }

  @Test
  void theOperatorsFileAddsAndReplacesImagesAndABadLineSaysWhere() throws IOException {
    Path file = dir.resolve("images");
    Files.writeString(file, "# ours\n\ndebian/stable  registry.example/debian:12  apt   # pinned\nmine x:1 none\n");

    SourcehutImages images = SourcehutImages.withFile(file);

    assertThat(images.of("debian/stable")).isEqualTo(new SourcehutImages.Image("registry.example/debian:12",
        SourcehutImages.PackageManager.APT));
    assertThat(images.of("mine").packages()).isEqualTo(SourcehutImages.PackageManager.NONE);
    assertThat(images.of("alpine/latest").container()).isEqualTo("alpine:latest");
    assertThatThrownBy(() -> images.of("plan9")).hasMessage("manifest: Image 'plan9' does not exist");
    Files.writeString(file, "ok a:1 apt\nbroken line\n");
    assertThatThrownBy(() -> SourcehutImages.withFile(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
    Files.writeString(file, "x a:1 zypper\n");
    assertThatThrownBy(() -> SourcehutImages.withFile(file)).hasMessageContaining("apk, apt, dnf, pacman or none");
  }
}
