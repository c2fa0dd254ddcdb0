package dev.gantry.store;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * whose text has no word matches nothing and reads nothing. A caller who is not an admin sees
 * only the jobs with a {@code job_access} row of one of its grantees, so its pages and totals hold
 * only those: without words, its matches come from {@code job_access} itself (the
 * {@code job_access_newest} index of each grantee, newest first, one entry per job), so what it
 * reads is its own jobs' entries, never the other users' jobs; with words, each match of the word
 * index is checked by a primary-key lookup in {@code job_access}.
 *
 * <p>On PostgreSQL with 5,000 jobs of another user newer than the caller's 30 (JobSearchPlanIT),
 * the caller's first page reads the 40 index entries of its grantees and sorts them, no row of
 * {@code jobs} (the count is the same entries); before, it walked the 5,000 newer jobs, one
 * job_access lookup each, and counted by looking up all 5,030:
 * <pre>
 * Limit
 *   -> Group (Group Key: created_at, job_id)
 *     -> Sort (Sort Key: created_at DESC, job_id DESC)
 *       -> Bitmap Heap Scan on job_access a
 *         -> Bitmap Index Scan on job_access_newest
 *              Index Cond: (grantee = ANY ('{user:alice,*,role:devs}'))
 * </pre>
 */
final class JobSearch {

  private final List<String> words;
  private final Set<String> tags;
  private final boolean filtered;
  /** Whether the matches come from job_access (a caller who is not an admin, no words). */
  private final boolean fromAccess;
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
    filtered = query.visibleTo() != null;
    List<String> grantees = filtered ? List.copyOf(query.visibleTo()) : List.of();
    fromAccess = filtered && words.isEmpty();
    if (fromAccess) {
      // One row per grantee of a job: a job two of the caller's grantees name is one match.
      idColumn = "a.job_id";
      sql.append("job_access a where a.grantee in (").append(SqlSession.placeholders(grantees.size())).append(")");
      params.addAll(grantees);
      order = "a.created_at desc, a.job_id desc";
      oldestFirst = "a.created_at, a.job_id";
    } else if (words.isEmpty()) {
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
    if (filtered && !fromAccess) {
      // A caller who is not an admin: only the jobs whose access list names one of its grantees.
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
    return sql.list(idsSql(orderBy), row -> row.getString(1), pageParams.toArray());
  }

  private String idsSql(String orderBy) {
    String grouped = fromAccess ? " group by a.job_id, a.created_at" : "";
    return "select " + idColumn + " from " + from + grouped + " order by " + orderBy + " offset ? rows fetch next ? rows only";
  }

  /** The statement and parameters of the first page of {@code query} (size {@code size}), for EXPLAIN in tests. */
  static Map.Entry<String, List<Object>> firstPage(JobQuery query, int size) {
    JobSearch search = new JobSearch(query);
    List<Object> pageParams = new ArrayList<>(search.params);
    pageParams.add(0L);
    pageParams.add(size);
    return Map.entry(search.idsSql(search.order), pageParams);
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
    if (fromAccess) {
      return sql.count("select count(distinct a.job_id) from " + from, params.toArray());
    }
    return sql.count("select count(*) from " + from, params.toArray());
  }
}
