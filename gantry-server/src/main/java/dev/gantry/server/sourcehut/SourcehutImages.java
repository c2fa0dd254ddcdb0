package dev.gantry.server.sourcehut;

import dev.gantry.core.spec.InvalidJobException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which container image a manifest's {@code image} (e.g. {@code alpine/latest}) runs in, and with
 * which package manager its {@code packages} are installed. The defaults name the distributions'
 * official images; an operator's file ({@code --sourcehut-images}) adds or replaces entries, a line
 * each: {@code <name> <container image> <apk|apt|dnf|pacman|none>}, {@code #} starting a comment.
 */
public final class SourcehutImages {

  /** How an image installs packages and adds repositories. */
  public enum PackageManager { APK, APT, DNF, PACMAN, NONE }

  /** One entry of the table. */
  public record Image(String container, PackageManager packages) {}

  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]+(/[a-z0-9._-]+)?");

  private final Map<String, Image> table;

  private SourcehutImages(Map<String, Image> table) {
    this.table = Map.copyOf(table);
  }

  public static SourcehutImages defaults() {
    Map<String, Image> table = new LinkedHashMap<>();
    table.put("alpine/latest", new Image("alpine:latest", PackageManager.APK));
    table.put("alpine/edge", new Image("alpine:edge", PackageManager.APK));
    table.put("alpine/3.20", new Image("alpine:3.20", PackageManager.APK));
    table.put("debian/stable", new Image("debian:stable", PackageManager.APT));
    table.put("debian/testing", new Image("debian:testing", PackageManager.APT));
    table.put("debian/sid", new Image("debian:sid", PackageManager.APT));
    table.put("debian/bookworm", new Image("debian:bookworm", PackageManager.APT));
    table.put("ubuntu/lts", new Image("ubuntu:24.04", PackageManager.APT));
    table.put("ubuntu/latest", new Image("ubuntu:latest", PackageManager.APT));
    table.put("ubuntu/24.04", new Image("ubuntu:24.04", PackageManager.APT));
    table.put("ubuntu/22.04", new Image("ubuntu:22.04", PackageManager.APT));
    table.put("archlinux", new Image("archlinux:latest", PackageManager.PACMAN));
    table.put("fedora/latest", new Image("fedora:latest", PackageManager.DNF));
    table.put("fedora/rawhide", new Image("fedora:rawhide", PackageManager.DNF));
    return new SourcehutImages(table);
  }

  /**
   * The defaults with the entries of {@code file} added or replacing theirs.
   *
   * @throws IllegalArgumentException naming the file and line that is wrong
   */
  public static SourcehutImages withFile(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("--sourcehut-images: cannot read " + file + ": " + e.getMessage());
    }
    Map<String, Image> table = new LinkedHashMap<>(defaults().table);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      String where = "--sourcehut-images " + file + " line " + (i + 1) + ": ";
      if (parts.length != 3 || !NAME.matcher(parts[0]).matches()) {
        throw new IllegalArgumentException(where + "expected '<name> <container image> <apk|apt|dnf|pacman|none>', e.g."
            + " 'debian/stable registry.example/debian:12 apt'");
      }
      PackageManager manager;
      try {
        manager = PackageManager.valueOf(parts[2].toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "the package manager must be apk, apt, dnf, pacman or none, not '"
            + parts[2] + "'");
      }
      table.put(parts[0], new Image(parts[1], manager));
    }
    return new SourcehutImages(table);
  }

  /** @throws InvalidJobException {@code Image 'x' does not exist}, as sourcehut says it */
  Image of(String name) {
    Image image = table.get(name);
    if (image == null) {
      throw new InvalidJobException("manifest", "Image '" + dev.gantry.core.spec.Echo.of(name) + "' does not exist");
    }
    return image;
  }
}
