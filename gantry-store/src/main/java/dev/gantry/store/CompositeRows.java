package dev.gantry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.NodeKind;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.RunState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The {@code job_nodes} table: the rows of a job's composite nodes and its ROOT row; and
 * {@code job_node_items}, an each's elements, one row each, written with its row and read one at
 * a time ({@link #item}): a row read in a transition carries no items (except one written before
 * the items had rows of their own, which keeps them in its {@code items} column).
 */
final class CompositeRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "job_id, node_path, kind, state, total, next_index, completed, items, results, error";
  private static final String INSERT = "insert into job_nodes (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  /** An each's items never change once it started: an update does not write them again. */
  private static final String UPDATE = "update job_nodes set kind = ?, state = ?, total = ?, next_index = ?,"
      + " completed = ?, results = ?, error = ? where job_id = ? and node_path = ?";
  private static final String OF_JOB = "select " + COLUMNS + " from job_nodes where job_id = ?";
  private static final String INSERT_ITEM = "insert into job_node_items (job_id, node_path, item_index, item_value)"
      + " values (?, ?, ?, ?)";
  private static final String ITEM = "select item_value from job_node_items where job_id = ? and node_path = ?"
      + " and item_index = ?";

  private CompositeRows() {}

  static List<CompositeNode> find(SqlSession sql, String jobId, List<NodePath> paths) {
    if (paths.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", Collections.nCopies(paths.size(), "?"));
    Object[] params = new Object[paths.size() + 1];
    params[0] = jobId;
    for (int i = 0; i < paths.size(); i++) {
      params[i + 1] = paths.get(i).encoded();
    }
    return sql.list(OF_JOB + " and node_path in (" + marks + ")", CompositeRows::read, params);
  }

  /** RUNNING composites strictly below {@code under} (null: all of the job's, its ROOT row aside). */
  static List<CompositeNode> running(SqlSession sql, String jobId, NodePath under) {
    String where = OF_JOB + " and state = 'RUNNING' and kind <> 'ROOT'";
    if (under == null) {
      return sql.list(where, CompositeRows::read, jobId);
    }
    return sql.list(where + " and node_path like ?", CompositeRows::read, jobId, under.encoded() + ".%");
  }

  /** Updates each row, inserting those not there yet (the job is locked: no one else writes them meanwhile). */
  static void save(SqlSession sql, List<CompositeNode> nodes) {
    List<CompositeNode> inserts = new ArrayList<>();
    for (CompositeNode n : nodes) {
      int updated = sql.update(UPDATE, n.kind().name(), n.state().name(), n.total(), n.next(), n.completed(),
          results(n), n.error(), n.jobId(), n.path().encoded());
      if (updated == 0) {
        inserts.add(n);
      }
    }
    if (!inserts.isEmpty()) {
      insert(sql, inserts);
    }
  }

  /** Inserts rows that are surely new (a submit's), with their items. */
  static void insert(SqlSession sql, List<CompositeNode> nodes) {
    sql.batch(INSERT, nodes.stream().map(n -> new Object[] {n.jobId(), n.path().encoded(), n.kind().name(),
        n.state().name(), n.total(), n.next(), n.completed(), null, results(n), n.error()}).toList());
    List<Object[]> items = new ArrayList<>();
    for (CompositeNode n : nodes) {
      for (int i = 0; i < n.items().size(); i++) {
        items.add(new Object[] {n.jobId(), n.path().encoded(), i, write(n.items().get(i))});
      }
    }
    if (!items.isEmpty()) {
      sql.batch(INSERT_ITEM, items);
    }
  }

  /** The element at {@code index} of the each at {@code each} (null: none, or a null element). */
  static Object item(SqlSession sql, String jobId, NodePath each, int index) {
    return sql.first(ITEM, row -> row.getString("item_value"), jobId, each.encoded(), index)
        .map(CompositeRows::readItem).orElse(null);
  }

  /** Removes the row at {@code at} and those below it, with their items. */
  static void delete(SqlSession sql, String jobId, NodePath at) {
    sql.update("delete from job_node_items where job_id = ? and (node_path = ? or node_path like ?)", jobId,
        at.encoded(), at.encoded() + ".%");
    sql.update("delete from job_nodes where job_id = ? and (node_path = ? or node_path like ?)", jobId, at.encoded(),
        at.encoded() + ".%");
  }

  private static Object readItem(String json) {
    try {
      return json == null ? null : JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored element of an each is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String results(CompositeNode n) {
    return n.kind() == NodeKind.ROOT || !n.results().isEmpty() ? write(n.results()) : null;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a node's values could not be written as JSON", e);
    }
  }

  private static CompositeNode read(ResultSet row) throws SQLException {
    try {
      String items = row.getString("items");
      String results = row.getString("results");
      return new CompositeNode(row.getString("job_id"), NodePath.decode(row.getString("node_path")),
          NodeKind.valueOf(row.getString("kind")), RunState.valueOf(row.getString("state")), row.getInt("total"),
          row.getInt("next_index"), row.getInt("completed"),
          items == null ? List.of() : JSON.readValue(items, new TypeReference<List<Object>>() {}),
          results == null ? Map.of() : JSON.readValue(results, new TypeReference<Map<String, String>>() {}),
          row.getString("error"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored node's values are not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
