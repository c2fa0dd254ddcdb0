package dev.gantry.store;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link JobQuery} as SQL: one page of the matching jobs, newest first, and their count.
 *
 * <p>With words, the matches come from the {@code job_words} index of the first word, newest
 * first, each checked for the other words and the tags by index lookups; without, from the
 * {@code jobs_newest} index. Either way a page first selects only the ids of its jobs, so the rows
 * an offset skips are index entries, never whole jobs; then it reads its few jobs by id. An offset
 * still walks the entries it skips, so a page in the older half is found from the oldest end (both
 * databases scan these indexes backwards too): at most half of the matches are walked. A query
 * whose text has no word matches nothing and reads nothing. A search by a caller who is not an
 * admin keeps the jobs with a {@code job_access} row of one of its grantees (a primary-key lookup
 * per candidate), counted the same way, so its pages and totals hold only those.
 */
final class JobSearch {

  private final List<String> words;
  private final Set<String> tags;
  private final boolean filtered;
  private final String from;
  private final String order;
  private final String oldestFirst;
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
      oldestFirst = "j.created_at, j.id";
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
      oldestFirst = "w.word desc, w.created_at, w.job_id";
    }
    for (String tag : tags) {
      sql.append(params.isEmpty() ? " where " : " and ")
          .append("exists (select 1 from job_tags t where t.job_id = ").append(idColumn).append(" and t.tag = ?)");
      params.add(tag);
    }
    filtered = query.visibleTo() != null;
    if (filtered) {
      // A caller who is not an admin: only the jobs whose access list names one of its grantees.
      List<String> grantees = List.copyOf(query.visibleTo());
      sql.append(params.isEmpty() ? " where " : " and ")
          .append("exists (select 1 from job_access a where a.job_id = ").append(idColumn)
          .append(" and a.grantee in (").append(SqlSession.placeholders(grantees.size())).append("))");
      params.addAll(grantees);
    }
    from = sql.toString();
  }

  static Page<Job> page(SqlSession sql, JobRows jobs, JobQuery query) {
    if (query.page() < 1 || query.size() < 1) {
      throw new IllegalArgumentException(
          "a page of jobs needs page >= 1 and size >= 1, not page " + query.page() + " size " + query.size());
    }
    if (query.matchesNothing()) {
      return new Page<>(List.of(), query.page(), query.size(), 0);
    }
    JobSearch search = new JobSearch(query);
    long total = search.total(sql);
    long offset = query.offset();
    List<String> ids;
    if (offset >= total) {
      ids = List.of();
    } else if (offset < total / 2) {
      ids = search.ids(sql, search.order, offset, query.size());
    } else {
      // The same page counted from the oldest match. Jobs arrive at the newest end, so one that
      // commits between the count and this read does not shift it: it stays the page of `total`.
      long fromOldest = Math.max(0, total - offset - query.size());
      ids = new ArrayList<>(search.ids(sql, search.oldestFirst, fromOldest, (int) (total - offset - fromOldest)));
      Collections.reverse(ids);
    }
    return new Page<>(jobs.byIds(sql, ids), query.page(), query.size(), total);
  }

  private List<String> ids(SqlSession sql, String orderBy, long offset, int count) {
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(offset);
    pageParams.add(count);
    return sql.list("select " + idColumn + " from " + from + " order by " + orderBy + " offset ? rows fetch next ? rows only",
        row -> row.getString(1), pageParams.toArray());
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
    if (words.isEmpty() && tags.size() == 1 && !filtered) {
      return sql.count("select count(*) from job_tags where tag = ?", tags.iterator().next());
    }
    return sql.count("select count(*) from " + from, params.toArray());
  }
}
