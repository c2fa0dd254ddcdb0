package dev.gantry.core.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a node sits in a job's tree: the 0-based index of its top-level task, then of each child
 * below (a parallel's task, an each's element). Written {@code 2.0.5}; stored {@link #encoded()}
 * with fixed-width segments so that stored paths sort in tree order.
 */
public record NodePath(int[] indexes) {

  /** The widest segment the encoding holds: an each may have at most this many elements. */
  public static final int MAX_INDEX = 99_999;
  private static final int WIDTH = 5;

  /** The root: the job itself (the top-level sequence), whose row keeps the results by var. */
  public static final NodePath ROOT = new NodePath(new int[0]);

  public NodePath {
    indexes = indexes.clone();
    for (int index : indexes) {
      if (index < 0 || index > MAX_INDEX) {
        throw new IllegalArgumentException("a node index must be between 0 and " + MAX_INDEX + ", not " + index);
      }
    }
  }

  /** The top-level task at a 1-based position. */
  public static NodePath top(int position) {
    return new NodePath(new int[] {position - 1});
  }

  /** The path {@link #encoded()} wrote. */
  public static NodePath decode(String encoded) {
    if (encoded.isEmpty()) {
      return ROOT;
    }
    return new NodePath(Arrays.stream(encoded.split("\\.")).mapToInt(Integer::parseInt).toArray());
  }

  public int depth() {
    return indexes.length;
  }

  public int index(int level) {
    return indexes[level];
  }

  /** The index among its siblings. */
  public int last() {
    return indexes[indexes.length - 1];
  }

  /** The 1-based position of the top-level task this node belongs to. */
  public int position() {
    return indexes[0] + 1;
  }

  public NodePath child(int index) {
    int[] longer = Arrays.copyOf(indexes, indexes.length + 1);
    longer[indexes.length] = index;
    return new NodePath(longer);
  }

  public NodePath parent() {
    return new NodePath(Arrays.copyOf(indexes, indexes.length - 1));
  }

  /** This path's ancestors below the root, the top-level one first. */
  public List<NodePath> ancestors() {
    List<NodePath> out = new ArrayList<>();
    for (int d = 1; d < indexes.length; d++) {
      out.add(new NodePath(Arrays.copyOf(indexes, d)));
    }
    return out;
  }

  /** Whether {@code other} lies strictly below this node. */
  public boolean isAbove(NodePath other) {
    if (other.indexes.length <= indexes.length) {
      return false;
    }
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] != other.indexes[i]) {
        return false;
      }
    }
    return true;
  }

  /** Fixed-width segments ({@code 00002.00000.00005}): text order is tree order. */
  public String encoded() {
    StringBuilder out = new StringBuilder(indexes.length * (WIDTH + 1));
    for (int i = 0; i < indexes.length; i++) {
      if (i > 0) {
        out.append('.');
      }
      String digits = Integer.toString(indexes[i]);
      out.append("0".repeat(WIDTH - digits.length())).append(digits);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodePath other && Arrays.equals(indexes, other.indexes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(indexes);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < indexes.length; i++) {
      out.append(i > 0 ? "." : "").append(indexes[i]);
    }
    return out.toString();
  }
}
