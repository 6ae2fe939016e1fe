package dev.fewhot.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sum of one part per partition that comes out bit for bit the same whatever order Spark
 * delivers and combines the parts in (tasks finish in any order; a lost executor's tasks run
 * again): parts are added along a fixed binary tree over the partition indices, a node's sum
 * being always (left + right). {@code treeAggregate} builds it with {@link #add} and
 * {@link #merge}; {@link #total} adds the remaining complete subtrees in index order.
 */
final class TreeSum implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A node: the sum of leaves [index << level, (index + 1) << level). */
    record Part(int level, int index, double loss, long rows, float[] values) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final TreeMap<Long, Part> pending = new TreeMap<>();

    /** A leaf for partition p. */
    static Part leaf(int partition, double loss, long rows, float[] values) {
        return new Part(0, partition, loss, rows, values);
    }

    /** Adds a part, merging it with its sibling (and upwards) when present. */
    TreeSum add(Part p) {
        while (true) {
            Part sibling = pending.remove(key(p.level(), p.index() ^ 1));
            if (sibling == null) {
                pending.put(key(p.level(), p.index()), p);
                return this;
            }
            Part left = (p.index() & 1) == 0 ? p : sibling, right = left == p ? sibling : p;
            float[] v = left.values();
            if (v == null) {
                v = right.values();
            } else if (right.values() != null) {
                float[] r = right.values();
                for (int i = 0; i < v.length; i++) v[i] += r[i];
            }
            p = new Part(p.level() + 1, p.index() >> 1, left.loss() + right.loss(), left.rows() + right.rows(), v);
        }
    }

    /** Adds every part of another sum. */
    TreeSum merge(TreeSum other) {
        for (Part p : new ArrayList<>(other.pending.values())) add(p);
        return this;
    }

    /** The sum of every part added: the complete subtrees left, added in index order. */
    Part total() {
        List<Part> parts = new ArrayList<>(pending.values());
        parts.sort((a, b) -> Long.compare((long) a.index() << a.level(), (long) b.index() << b.level()));
        double loss = 0;
        long rows = 0;
        float[] v = null;
        for (Part p : parts) {
            loss += p.loss();
            rows += p.rows();
            if (p.values() != null) {
                if (v == null) v = p.values();
                else for (int i = 0; i < v.length; i++) v[i] += p.values()[i];
            }
        }
        return new Part(-1, 0, loss, rows, v);
    }

    private static long key(int level, int index) {
        return ((long) level << 32) | (index & 0xffffffffL);
    }

    Map<Long, Part> pendingView() { return pending; }
}
