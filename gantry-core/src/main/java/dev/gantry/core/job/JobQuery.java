package dev.gantry.core.job;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A job search: every word must be a word of the name, description or state (whole words,
 * case-insensitive), and the job must carry every tag. Parsed from Tork's {@code q} syntax: words
 * plus {@code tag:x} or {@code tags:a,b}, and Gantry's {@code dialect:x} (the dialect the job was
 * submitted through, a word of its own: {@link #dialectWord}). {@code matchesNothing}: the search has text but no word
 * in it ({@code q=%}); like Tork's, whose full-text query then holds no lexeme, it finds no job
 * (rather than every job, as a search without text does). {@code visibleTo}: only the jobs whose
 * owner or access list names one of these grantees ({@link dev.gantry.core.auth.JobAccess}); null:
 * every job (an admin's search).
 */
public record JobQuery(List<String> words, List<String> tags, int page, int size, boolean matchesNothing,
    Set<String> visibleTo) {

  public static final int MAX_SIZE = 20;

  public JobQuery {
    words = List.copyOf(words);
    tags = List.copyOf(tags);
    visibleTo = visibleTo == null ? null : Set.copyOf(visibleTo);
  }

  /** A search of every job. */
  public JobQuery(List<String> words, List<String> tags, int page, int size, boolean matchesNothing) {
    this(words, tags, page, size, matchesNothing, null);
  }

  /** This search, of the jobs {@code grantees} may see only (null: of every job). */
  public JobQuery visibleTo(Set<String> grantees) {
    return new JobQuery(words, tags, page, size, matchesNothing, grantees);
  }

  public static JobQuery parse(String q, int page, int size) {
    Set<String> words = new LinkedHashSet<>();
    List<String> tags = new ArrayList<>();
    boolean text = false;
    if (q != null) {
      for (String token : q.trim().split("\\s+")) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tag:") || lower.startsWith("tags:")) {
          for (String tag : token.substring(token.indexOf(':') + 1).split(",")) {
            if (!tag.isBlank()) {
              tags.add(tag.trim());
            }
          }
        } else if (lower.startsWith("dialect:")) {
          if (lower.length() > "dialect:".length()) {
            words.add(dialectWord(lower.substring("dialect:".length())));
          }
        } else if (!token.isEmpty()) {
          text = true;
          words.addAll(wordsOf(token));
        }
      }
    }
    return new JobQuery(List.copyOf(words), List.copyOf(tags), page, size, text && words.isEmpty());
  }

  /**
   * The words of a text as search sees them: its maximal runs of letters and digits, lower-cased,
   * each once. So {@code "Nightly build_2"} has the words {@code nightly}, {@code build} and
   * {@code 2}; a token without letters or digits ({@code "%"}) has none.
   */
  public static Set<String> wordsOf(String... texts) {
    Set<String> words = new LinkedHashSet<>();
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      int start = -1;
      for (int i = 0; i <= text.length(); ) {
        int c = i < text.length() ? text.codePointAt(i) : ' ';
        boolean inWord = i < text.length() && Character.isLetterOrDigit(c);
        if (inWord && start < 0) {
          start = i;
        } else if (!inWord && start >= 0) {
          words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
          start = -1;
        }
        i += Character.charCount(c);
      }
    }
    return words;
  }

  /**
   * The search word that stands for a job's dialect: {@code dialect:hades}. No text has it (the
   * words of a text are letters and digits only), so it finds only what the dialect submitted.
   */
  public static String dialectWord(String dialect) {
    return "dialect:" + dialect.toLowerCase(Locale.ROOT);
  }

  public int offset() {
    return (page - 1) * size;
  }
}
