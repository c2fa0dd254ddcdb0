package dev.gantry.store;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code job_words} table: one row per word of a job's name, description and state (and one for
 * its dialect, {@link JobQuery#dialectWord}), so that a
 * word search is a range of its index, newest first, and its count an index-only count.
 */
final class JobWords {

  /** The column's width; a longer word is kept as its first {@value} characters (a prefix match). */
  static final int MAX_LENGTH = 64;

  private static final String INSERT = "insert into job_words (word, created_at, job_id) values (?, ?, ?)";
  private static final String DELETE = "delete from job_words where word = ? and created_at = ? and job_id = ?";

  private JobWords() {}

  /** What a job's search sees of it. */
  record Searched(String name, String description, String state, Instant createdAt, String dialect) {

    static Searched of(Job job) {
      return new Searched(job.name(), job.spec().description(), job.state().name(), Timestamps.stored(job.createdAt()),
          job.spec().dialect());
    }

    Searched withState(String otherState) {
      return new Searched(name, description, otherState, createdAt, dialect);
    }

    Set<String> words() {
      Set<String> words = new LinkedHashSet<>();
      for (String word : JobQuery.wordsOf(name, description, state)) {
        words.add(stored(word));
      }
      if (dialect != null) { // null only in the V7 backfill: V24 gives the jobs stored before their dialect's word
        words.add(stored(JobQuery.dialectWord(dialect)));
      }
      return words;
    }
  }

  /** Inserts the words of new jobs, all in one round trip. */
  static void insert(SqlSession sql, Map<String, Searched> jobsById) {
    List<Object[]> rows = new ArrayList<>();
    jobsById.forEach((jobId, job) -> rows.addAll(rows(job.words(), job.createdAt(), jobId)));
    sql.batch(INSERT, rows);
  }

  /**
   * Brings a job's words from {@code before} to {@code after} by writing only what differs: an
   * update that leaves name, description and state alone (most of them) writes nothing here.
   */
  static void update(SqlSession sql, String jobId, Searched before, Searched after) {
    if (before.equals(after)) {
      return;
    }
    Set<String> removed = before.words();
    Set<String> added = after.words();
    if (before.createdAt().equals(after.createdAt())) {
      Set<String> kept = new LinkedHashSet<>(removed);
      kept.retainAll(added);
      removed.removeAll(kept);
      added.removeAll(kept);
    }
    sql.batch(DELETE, rows(removed, before.createdAt(), jobId));
    sql.batch(INSERT, rows(added, after.createdAt(), jobId));
  }

  /** Deletes the words of a job, as {@code job} describes it now. */
  static void deleteAll(SqlSession sql, String jobId, Searched job) {
    sql.batch(DELETE, rows(job.words(), job.createdAt(), jobId));
  }

  /** A word as the column holds it, and so as a search must look it up. */
  static String stored(String word) {
    if (word.length() <= MAX_LENGTH) {
      return word;
    }
    int end = Character.isHighSurrogate(word.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
    return word.substring(0, end);
  }

  private static List<Object[]> rows(Set<String> words, Instant createdAt, String jobId) {
    List<Object[]> rows = new ArrayList<>(words.size());
    for (String word : words) {
      rows.add(new Object[] {word, createdAt, jobId});
    }
    return rows;
  }
}
