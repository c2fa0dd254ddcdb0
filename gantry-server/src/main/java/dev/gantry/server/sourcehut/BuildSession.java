package dev.gantry.server.sourcehut;

import dev.gantry.core.job.UserSecret;
import dev.gantry.core.spec.SessionPlan;
import dev.gantry.server.sourcehut.SourcehutImages.Image;
import dev.gantry.server.sourcehut.SourcehutImages.PackageManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A manifest as the session the runner would run, in its order: the environment file and the
 * task scripts are files; setup (repositories, packages, sources) is the first step, its output
 * the job's {@code setup_log}; each task is a step of its own. Tasks run with bash when the image
 * has it, else with sh (the setup log says which).
 */
final class BuildSession {

  static final String HOME = "/root";
  static final String SETUP = "setup";
  static final String COMPLETE_MARKER = HOME + "/.complete-build";

  private BuildSession() {}

  /** {@code jobUrlBase}: where the job's page is, its number appended (e.g. {@code https://ci.example/api/jobs/}). */
  static SessionPlan plan(Manifest manifest, Image image, String jobUrlBase) {
    return plan(manifest, image, jobUrlBase, List.of());
  }

  /** {@code secrets}: the submitter's secrets the manifest names, installed as the runner installs them. */
  static SessionPlan plan(Manifest manifest, Image image, String jobUrlBase, List<UserSecret> secrets) {
    List<SessionPlan.File> files = new ArrayList<>();
    files.add(new SessionPlan.File(HOME + "/.buildenv", buildenv(manifest, jobUrlBase), null, 0644));
    boolean firstKey = true;
    StringBuilder imports = new StringBuilder();
    for (UserSecret secret : secrets) {
      String ref = secretName(secret);
      switch (secret.kind()) {
        case SecretKinds.SSH_KEY -> {
          files.add(new SessionPlan.File(HOME + "/.ssh/" + secret.id(), null, ref, 0600));
          if (firstKey) {
            files.add(new SessionPlan.File(HOME + "/.ssh/id_rsa", null, ref, 0600));
            firstKey = false;
          }
        }
        case SecretKinds.PGP_KEY -> {
          files.add(new SessionPlan.File(HOME + "/.gnupg-import/" + secret.id(), null, ref, 0600));
          imports.append("echo 'Importing pgp key ").append(secret.id()).append("'\n")
              .append("gpg --batch --import ~/.gnupg-import/").append(secret.id()).append('\n');
        }
        default -> files.add(new SessionPlan.File(SecretKinds.absolute(secret.path()), null, ref, secret.mode()));
      }
    }
    for (Manifest.Task task : manifest.tasks()) {
      files.add(new SessionPlan.File(HOME + "/.tasks/" + task.name(),
          "#!/usr/bin/env bash\n. ~/.buildenv\nset -xe\n" + task.script() + "\n", null, 0755));
    }
    List<SessionPlan.Step> steps = new ArrayList<>();
    steps.add(new SessionPlan.Step(SETUP, List.of("sh", "-c", setup(manifest, image.packages(), imports.toString()))));
    for (Manifest.Task task : manifest.tasks()) {
      String script = "~/.tasks/" + task.name();
      steps.add(new SessionPlan.Step(task.name(), List.of("sh", "-c",
          "cd ~ && if command -v bash >/dev/null 2>&1; then exec bash " + script + "; else exec sh " + script + "; fi")));
    }
    List<String> artifacts = manifest.artifacts().stream().map(BuildSession::inHome).toList();
    return new SessionPlan(files, steps, COMPLETE_MARKER, artifacts, null);
  }

  /** sourcehut's {@code ~/.buildenv}: strings as exports, lists as bash arrays (only bash reads them). */
  static String buildenv(Manifest manifest, String jobUrlBase) {
    StringBuilder env = new StringBuilder("#!/bin/sh\n");
    env.append("export CI_NAME=gantry\n");
    env.append("export JOB_ID=\"$GANTRY_JOB_NUMBER\"\n");
    env.append("export JOB_URL=").append(quote(jobUrlBase)).append("\"$GANTRY_JOB_NUMBER\"\n");
    manifest.environment().forEach((name, value) -> env.append("export ").append(name).append('=').append(quote(value)).append('\n'));
    if (!manifest.lists().isEmpty()) {
      env.append("if [ -n \"${BASH_VERSION:-}\" ]; then\n");
      manifest.lists().forEach((name, items) -> env.append("  eval ").append(quote(name + "=("
          + items.stream().map(BuildSession::quote).collect(Collectors.joining(" ")) + ")")).append('\n'));
      env.append("fi\n");
    }
    // sh (busybox ash, dash) refuses a '-' in a function name, so there it is an alias.
    env.append("if [ -n \"${BASH_VERSION:-}\" ]; then eval 'complete-build() { echo 1 > ~/.complete-build; exit 0; }';"
        + " else alias complete-build='echo 1 > ~/.complete-build; exit 0'; fi\n");
    return env.toString();
  }

  /** The name under which a stored secret's value is one of the job's secrets. */
  static String secretName(UserSecret secret) {
    return "sourcehut." + secret.id();
  }

  private static String setup(Manifest manifest, PackageManager packages, String imports) {
    StringBuilder script = new StringBuilder("set -e\ncd ~\n");
    script.append("if command -v bash >/dev/null 2>&1; then echo 'tasks run with bash';"
        + " else echo 'bash is not in this image: tasks run with sh'; fi\n");
    script.append(imports);
    repositories(script, manifest.repositories(), packages);
    if (!manifest.packages().isEmpty()) {
      String list = manifest.packages().stream().map(BuildSession::quote).collect(Collectors.joining(" "));
      script.append("echo 'Installing packages: ").append(String.join(" ", manifest.packages()).replace("'", ""))
          .append("'\n");
      script.append(switch (packages) {
        case APK -> "apk upgrade -U\napk add " + list + "\n";
        case APT -> "export DEBIAN_FRONTEND=noninteractive\napt-get update -y\napt-get install -y " + list + "\n";
        case DNF -> "dnf install -y " + list + "\n";
        case PACMAN -> "pacman -Syu --noconfirm " + list + "\n";
        case NONE -> "echo 'this image has no package manager' >&2\nexit 1\n";
      });
    }
    for (String source : manifest.sources()) {
      script.append(SourceUrl.parse(source).commands());
    }
    return script.toString();
  }

  private static void repositories(StringBuilder script, Map<String, String> repositories, PackageManager packages) {
    repositories.forEach((name, line) -> {
      script.append("echo ").append(quote("Adding repository " + name)).append('\n');
      script.append(switch (packages) {
        case APK -> "echo " + quote(line) + " >> /etc/apk/repositories\n";
        case APT -> "echo " + quote("deb " + line) + " > /etc/apt/sources.list.d/" + name + ".list\n";
        case DNF -> "printf '%s\\n' '[" + name + "]' " + quote("baseurl=" + line) + " 'enabled=1' > /etc/yum.repos.d/"
            + name + ".repo\n";
        case PACMAN -> "printf '%s\\n' '[" + name + "]' " + quote("Server = " + line) + " >> /etc/pacman.conf\n";
        case NONE -> "echo 'this image has no package manager for repositories' >&2\nexit 1\n";
      });
    });
  }

  /** An artifact's path as the runner reads it: relative to the home directory unless absolute. */
  private static String inHome(String path) {
    if (path.startsWith("/")) {
      return path;
    }
    return HOME + "/" + (path.startsWith("~/") ? path.substring(2) : path);
  }

  /** {@code text} as one single-quoted shell word. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
