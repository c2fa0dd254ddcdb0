package dev.gantry.store;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.Page;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link JobQuery} as SQL: one page of the matching jobs, newest first, and their count.
 *
 * <p>With words, the matches come from the {@code job_words} index of the first word, newest
 * first, each checked for the other words and the tags by index lookups; without, from the
 * {@code jobs_newest} index. Either way a page first selects only the ids of its jobs, so the rows
 * an offset skips are index entries, never whole jobs; then it reads its few jobs by id.
 */
final class JobSearch {

  private final List<String> words;
  private final Set<String> tags;
  private final String from;
  private final String order;
  private final String idColumn;
  private final List<Object> params = new ArrayList<>();

  private JobSearch(JobQuery query) {
    Set<String> stored = new LinkedHashSet<>();
    query.words().forEach(word -> stored.add(JobWords.stored(word)));
    words = List.copyOf(stored);
    tags = new LinkedHashSet<>(query.tags());
    StringBuilder sql = new StringBuilder();
    if (words.isEmpty()) {
      idColumn = "j.id";
      sql.append("jobs j");
      order = "j.created_at desc, j.id desc";
    } else {
      idColumn = "w.job_id";
      sql.append("job_words w where w.word = ?");
      params.add(words.get(0));
      for (String word : words.subList(1, words.size())) {
        sql.append(" and exists (select 1 from job_words o where o.word = ? and o.created_at = w.created_at"
            + " and o.job_id = w.job_id)");
        params.add(word);
      }
      // The word is the same on every row; naming it first lets H2 see that the index gives this
      // order and stop after the page (without it, H2 reads and sorts every match).
      order = "w.word, w.created_at desc, w.job_id desc";
    }
    for (String tag : tags) {
      sql.append(params.isEmpty() ? " where " : " and ")
          .append("exists (select 1 from job_tags t where t.job_id = ").append(idColumn).append(" and t.tag = ?)");
      params.add(tag);
    }
    from = sql.toString();
  }

  static Page<Job> page(SqlSession sql, JobQuery query) {
    if (query.page() < 1 || query.size() < 1) {
      throw new IllegalArgumentException(
          "a page of jobs needs page >= 1 and size >= 1, not page " + query.page() + " size " + query.size());
    }
    JobSearch search = new JobSearch(query);
    List<Object> pageParams = new ArrayList<>(search.params);
    pageParams.add((long) query.offset());
    pageParams.add(query.size());
    List<String> ids = sql.list("select " + search.idColumn + " from " + search.from + " order by " + search.order
        + " offset ? rows fetch next ? rows only", row -> row.getString(1), pageParams.toArray());
    return new Page<>(JobRows.byIds(sql, ids), query.page(), query.size(), search.total(sql));
  }

  /**
   * The number of matches, counted from the smallest source that is exact: the job count when
   * nothing filters, the tag index when one tag does (every tag row belongs to a job), else the
   * matches themselves (for one word, an index-only count of its entries).
   */
  private long total(SqlSession sql) {
    if (params.isEmpty()) {
      return JobCount.total(sql);
    }
    if (words.isEmpty() && tags.size() == 1) {
      return sql.count("select count(*) from job_tags where tag = ?", tags.iterator().next());
    }
    return sql.count("select count(*) from " + from, params.toArray());
  }
}
