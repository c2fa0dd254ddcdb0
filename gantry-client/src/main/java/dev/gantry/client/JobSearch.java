package dev.gantry.client;

/**
 * Which jobs a list shows: {@code query} in the API's {@code q} syntax (words, {@code tag:x},
 * {@code dialect:hades}), an optional {@code state} (e.g. RUNNING), and the page. Made with
 * {@link #all()} and the {@code with} methods: {@code JobSearch.all().withQuery("nightly").withState("FAILED")}.
 */
public record JobSearch(String query, String state, int page, int size) {

  /** The server's largest page of jobs. */
  public static final int MAX_SIZE = 20;

  public JobSearch {
    if (page < 1) {
      throw new IllegalArgumentException("page counts from 1, not " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be 1 to " + MAX_SIZE + ", not " + size);
    }
  }

  /** Every job, newest first, 20 a page, the first page. */
  public static JobSearch all() {
    return new JobSearch(null, null, 1, MAX_SIZE);
  }

  /** Words in the API's {@code q} syntax ({@code nightly tag:ci dialect:hades}); null: every job. */
  public JobSearch withQuery(String query) {
    return new JobSearch(query, state, page, size);
  }

  /** Only jobs in this state (PENDING, SCHEDULED, RUNNING, COMPLETED, FAILED, CANCELLED); null: any. */
  public JobSearch withState(String state) {
    return new JobSearch(query, state, page, size);
  }

  /** Which page, from 1. */
  public JobSearch withPage(int page) {
    return new JobSearch(query, state, page, size);
  }

  /** Jobs a page, 1 to {@link #MAX_SIZE}. */
  public JobSearch withSize(int size) {
    return new JobSearch(query, state, page, size);
  }

  /** The {@code q} sent: the words, then the state (a state is a search word of the API). */
  String q() {
    String words = query == null ? "" : query.strip();
    String s = state == null || state.isBlank() ? "" : state.strip();
    String q = (words + " " + s).strip();
    return q.isEmpty() ? null : q;
  }
}
