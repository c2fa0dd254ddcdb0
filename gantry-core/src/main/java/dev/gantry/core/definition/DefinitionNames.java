package dev.gantry.core.definition;

import dev.gantry.core.spec.InvalidJobException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for a definition's name, {@code project::definition} (letters, digits, '_' and
 * '-', each part starting with a letter or digit, at most 64 characters), and for a reference to
 * one version of it, {@code project::definition:version}.
 */
public final class DefinitionNames {

  public static final String RULE = "project::definition, each part letters, digits, '_' or '-' (e.g. my-project::hello-world)";
  private static final String PART = "[A-Za-z0-9][A-Za-z0-9_-]*";
  private static final Pattern NAME = Pattern.compile(PART + "::" + PART);
  private static final Pattern REFERENCE = Pattern.compile("(" + PART + "::" + PART + "):([1-9][0-9]{0,8})");
  private static final int MAX = 64;

  /** A definition's name and version. */
  public record Reference(String name, int version) {}

  private DefinitionNames() {}

  public static boolean isWellFormed(String name) {
    return name != null && name.length() <= MAX && NAME.matcher(name).matches();
  }

  /** Reads {@code project::definition:version}; InvalidJobException naming {@code field} otherwise. */
  public static Reference reference(String field, String text) {
    Matcher matcher = text == null ? null : REFERENCE.matcher(text);
    if (matcher == null || !matcher.matches() || matcher.group(1).length() > MAX) {
      throw new InvalidJobException(field, "must be project::definition:version, e.g. my-project::hello-world:1");
    }
    return new Reference(matcher.group(1), Integer.parseInt(matcher.group(2)));
  }
}
