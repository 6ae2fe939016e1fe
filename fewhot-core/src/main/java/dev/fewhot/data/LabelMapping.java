package dev.fewhot.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a data set's labels onto another label list by name: a test file whose label columns
 * come in another order than the model's is read in the model's order.
 */
public final class LabelMapping {
    private LabelMapping() { }

    /**
     * The data with its label ids renumbered to follow {@code target} (a model's label names).
     * Data without label names, or with the same names in the same order, is returned as is.
     *
     * @throws IllegalArgumentException when the data has label names the target lacks, or
     *                                  lacks some of the target's
     */
    public static Dataset toNames(Dataset d, List<String> target, String what) {
        List<String> names = d.labelNames();
        if (target.isEmpty() || names.isEmpty() || names.equals(target)) return d;
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < target.size(); j++) index.put(target.get(j), j);
        int[] map = new int[names.size()];
        List<String> unknown = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            Integer t = index.get(names.get(j));
            if (t == null) unknown.add(names.get(j)); else map[j] = t;
        }
        if (!unknown.isEmpty() || names.size() != target.size()) {
            List<String> missing = new ArrayList<>(target);
            missing.removeAll(names);
            throw new IllegalArgumentException(what + ": its labels do not match the model's by name"
                    + (unknown.isEmpty() ? "" : "; unknown: " + head(unknown))
                    + (missing.isEmpty() ? "" : "; missing: " + head(missing)));
        }
        LabelSets y = d.labels();
        int[] ptr = y.indptr(), ids = y.labels();
        float[] vals = y.values();
        int[] newIds = new int[ptr[y.rows()]];
        float[] newVals = vals == null ? null : new float[newIds.length];
        long[] keys = new long[64];
        for (int r = 0; r < y.rows(); r++) {
            int a = ptr[r], b = ptr[r + 1];
            if (b - a > keys.length) keys = new long[b - a];
            for (int k = a; k < b; k++) keys[k - a] = ((long) map[ids[k]] << 32) | (k - a);
            Arrays.sort(keys, 0, b - a);
            for (int k = a; k < b; k++) {
                int src = a + (int) keys[k - a];
                newIds[k] = (int) (keys[k - a] >>> 32);
                if (newVals != null) newVals[k] = vals[src];
            }
        }
        return new Dataset(d.features(), new LabelSets(y.rows(), target.size(), ptr.clone(), newIds, newVals), target,
                d.featureNames());
    }

    private static String head(List<String> l) {
        return l.size() <= 5 ? l.toString() : l.subList(0, 5) + " and " + (l.size() - 5) + " more";
    }
}
