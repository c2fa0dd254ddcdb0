package dev.gantry.core.job;

import java.util.List;
import java.util.Map;

/**
 * Where a composite node of a job stands: {@code total} children, {@code next} the index of the
 * next one to start (children below it have been started), {@code completed} how many ended
 * well. {@code items}: an each's list as evaluated when it started (empty for the others);
 * {@code results}: on the ROOT row, the results of the job's tasks by {@code var}.
 */
public record CompositeNode(
    String jobId,
    NodePath path,
    NodeKind kind,
    RunState state,
    int total,
    int next,
    int completed,
    List<Object> items,
    Map<String, String> results,
    String error) {

  public CompositeNode {
    items = items == null ? List.of() : List.copyOf(items);
    results = results == null ? Map.of() : Map.copyOf(results);
  }

  /** The job's ROOT row, holding {@code results}. */
  public static CompositeNode root(String jobId, Map<String, String> results) {
    return new CompositeNode(jobId, NodePath.ROOT, NodeKind.ROOT, RunState.RUNNING, 0, 0, 0, List.of(), results, null);
  }

  /** A composite that has just started, before any of its children. */
  public static CompositeNode started(String jobId, NodePath path, NodeKind kind, int total, List<Object> items) {
    return new CompositeNode(jobId, path, kind, RunState.RUNNING, total, 0, 0, items, Map.of(), null);
  }

  /** How many children run now: started and not ended. */
  public int active() {
    return next - completed;
  }

  public CompositeNode startedOne() {
    return new CompositeNode(jobId, path, kind, state, total, next + 1, completed, items, results, error);
  }

  public CompositeNode completedOne() {
    return new CompositeNode(jobId, path, kind, state, total, next, completed + 1, items, results, error);
  }

  public CompositeNode ended(RunState end, String reason) {
    return new CompositeNode(jobId, path, kind, end, total, next, completed, items, results, reason);
  }

  /** The row as a transition reads it: its items are read one at a time, where a child needs one. */
  public CompositeNode withoutItems() {
    return items.isEmpty() ? this : new CompositeNode(jobId, path, kind, state, total, next, completed, List.of(), results, error);
  }

  public CompositeNode withResults(Map<String, String> newResults) {
    return new CompositeNode(jobId, path, kind, state, total, next, completed, items, newResults, error);
  }
}
