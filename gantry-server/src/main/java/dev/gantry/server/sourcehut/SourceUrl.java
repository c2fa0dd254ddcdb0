package dev.gantry.server.sourcehut;

import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.InvalidJobException;

/**
 * One entry of a manifest's {@code sources}: {@code [dir::][scm+]url[#ref]}, git unless {@code hg+};
 * cloned into the home directory, in {@code dir} or the URL's last segment without {@code .git}.
 */
record SourceUrl(String scm, String url, String ref, String dir) {

  static SourceUrl parse(String source) {
    String rest = source;
    String dir = null;
    int dirEnd = rest.indexOf("::");
    if (dirEnd >= 0) {
      dir = rest.substring(0, dirEnd);
      rest = rest.substring(dirEnd + 2);
    }
    String ref = null;
    int hash = rest.lastIndexOf('#');
    if (hash >= 0) {
      ref = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    String scm = "git";
    if (rest.startsWith("hg+")) {
      scm = "hg";
      rest = rest.substring(3);
    } else if (rest.startsWith("git+")) {
      rest = rest.substring(4);
    }
    if (!rest.matches("(https?|git|ssh)://[^\\s]+|[A-Za-z0-9._-]+@[^\\s]+:[^\\s]*")) {
      throw new InvalidJobException("manifest", "sources: '" + Echo.of(source) + "' is not [dir::][scm+]url[#ref]"
          + " with an https, http, git or ssh URL");
    }
    if (dir == null) {
      String path = rest.replaceAll("/+$", "");
      dir = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1).replaceAll("\\.git$", "");
    }
    if (dir.isEmpty() || dir.equals(".") || dir.equals("..") || dir.contains("/") || dir.startsWith("-")) {
      throw new InvalidJobException("manifest", "sources: '" + Echo.of(source) + "' needs a directory name"
          + " (dir::url), not '" + Echo.of(dir) + "'");
    }
    if (ref != null && (ref.isEmpty() || ref.startsWith("-"))) {
      throw new InvalidJobException("manifest", "sources: '" + Echo.of(source) + "' has an empty or invalid #ref");
    }
    return new SourceUrl(scm, rest, ref, dir);
  }

  /** The setup script's lines that clone it, as the runner does. */
  String commands() {
    String d = BuildSession.quote(dir);
    String u = BuildSession.quote(url);
    StringBuilder lines = new StringBuilder("echo ").append(BuildSession.quote("Cloning " + url + " into ~/" + dir)).append('\n');
    if (scm.equals("hg")) {
      lines.append("hg clone -- ").append(u).append(' ').append(d).append('\n');
      if (ref != null) {
        lines.append("(cd ").append(d).append(" && hg update -y -- ").append(BuildSession.quote(ref)).append(")\n");
      }
    } else {
      lines.append("git clone -- ").append(u).append(' ').append(d).append('\n');
      if (ref != null) {
        lines.append("(cd ").append(d).append(" && git checkout -q ").append(BuildSession.quote(ref)).append(")\n");
      }
      lines.append("(cd ").append(d).append(" && git submodule update --init --recursive)\n");
    }
    return lines.toString();
  }
}
