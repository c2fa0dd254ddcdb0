package dev.gantry.core.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A job search: every word must occur in the name, description or state (case-insensitive), and
 * the job must carry every tag. Parsed from Tork's {@code q} syntax: words plus {@code tag:x} or
 * {@code tags:a,b}.
 */
public record JobQuery(List<String> words, List<String> tags, int page, int size) {

  public static final int MAX_SIZE = 20;

  public static JobQuery parse(String q, int page, int size) {
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    if (q != null) {
      for (String token : q.trim().split("\\s+")) {
        if (token.isEmpty()) {
          continue;
        }
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tag:") || lower.startsWith("tags:")) {
          for (String tag : token.substring(token.indexOf(':') + 1).split(",")) {
            if (!tag.isBlank()) {
              tags.add(tag.trim());
            }
          }
        } else {
          words.add(lower);
        }
      }
    }
    return new JobQuery(List.copyOf(words), List.copyOf(tags), page, size);
  }

  public int offset() {
    return (page - 1) * size;
  }
}
