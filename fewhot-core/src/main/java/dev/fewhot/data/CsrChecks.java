package dev.fewhot.data;

/** The checks {@link LabelSets} and {@link CsrMatrix} share on their compressed-row layout. */
final class CsrChecks {
    private CsrChecks() { }

    /**
     * Checks that the row pointers never decrease and that each row's ids
     * {@code ids[indptr[r] .. indptr[r + 1])} are in [0, bound) and strictly increasing (sorted,
     * none repeated); the caller has checked {@code indptr.length == rows + 1},
     * {@code indptr[0] == 0} and {@code ids.length >= indptr[rows]}.
     *
     * @param array     the ids' parameter name ("indices", "labels")
     * @param what      one id ("column", "label id")
     * @param whats     ids in the order rule ("columns", "ids")
     * @param boundName the bound's parameter name ("cols", "numLabels")
     * @throws IllegalArgumentException naming the row and the id
     */
    static void sortedIdsInRange(int rows, int[] indptr, int[] ids, int bound,
                                 String array, String what, String whats, String boundName) {
        for (int r = 0; r < rows; r++) { // first, so that no row reaches past indptr[rows]
            int a = indptr[r], b = indptr[r + 1];
            if (b < a) throw new IllegalArgumentException("indptr: row " + r + " ends (" + b + ") before it starts (" + a + ")");
        }
        for (int r = 0; r < rows; r++) {
            int a = indptr[r], b = indptr[r + 1];
            for (int k = a; k < b; k++) {
                int id = ids[k];
                if (id < 0 || id >= bound) {
                    throw new IllegalArgumentException(array + ": row " + r + " has " + what + " " + id + ", outside 0.."
                            + (bound - 1) + " (" + boundName + " " + bound + ")");
                }
                if (k > a && id <= ids[k - 1]) {
                    throw new IllegalArgumentException(array + ": row " + r + " lists " + what + " " + id + " after " + ids[k - 1]
                            + (id == ids[k - 1] ? " (repeated)" : " (" + whats + " must be in increasing order)"));
                }
            }
        }
    }
}
