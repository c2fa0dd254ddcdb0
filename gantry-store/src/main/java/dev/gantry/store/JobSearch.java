package dev.gantry.store;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.Page;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A {@link JobQuery} as SQL: one page of the matching jobs, newest first, and their count. */
final class JobSearch {

  private final Set<String> tags;
  private final StringBuilder where = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  private JobSearch(JobQuery query) {
    tags = new LinkedHashSet<>(query.tags());
    for (String word : query.words()) {
      condition("j.search_text like ? escape '\\'", "%" + escapeLike(word.toLowerCase(Locale.ROOT)) + "%");
    }
    for (String tag : tags) {
      condition("exists (select 1 from job_tags t where t.job_id = j.id and t.tag = ?)", tag);
    }
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
    List<Job> jobs = sql.list("select " + JobRows.COLUMNS + " from jobs j" + search.where
        + " order by j.created_at desc, j.id desc offset ? rows fetch next ? rows only",
        JobRows::read, pageParams.toArray());
    return new Page<>(jobs, query.page(), query.size(), search.total(sql, query));
  }

  /**
   * The number of matches, counted from the smallest source that is exact: the job count when
   * nothing filters, the tag index when one tag does (every tag row belongs to a job), else the
   * jobs themselves.
   */
  private long total(SqlSession sql, JobQuery query) {
    if (params.isEmpty()) {
      return JobCount.total(sql);
    }
    if (query.words().isEmpty() && tags.size() == 1) {
      return sql.count("select count(*) from job_tags where tag = ?", tags.iterator().next());
    }
    return sql.count("select count(*) from jobs j" + where, params.toArray());
  }

  private void condition(String sql, Object param) {
    where.append(where.isEmpty() ? " where " : " and ").append(sql);
    params.add(param);
  }

  /** A search word is literal text: LIKE's wildcards in it match only themselves. */
  static String escapeLike(String word) {
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
