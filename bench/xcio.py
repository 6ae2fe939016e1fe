"""Shared helpers of the benchmark scripts: an Extreme Classification text loader, a reader for
`fewhot predict` output, and the multi-label metrics both tools are scored with (numpy only).

XC text format: a header line `N D L`, then one line per row: `l1,l2,... f:v f:v ...`
(0-based label ids and feature indices; a row without labels starts with a space or directly
with `f:v`).
"""
import numpy as np


def load_xc(path, dtype=np.float32):
    """Returns (X dense float32 [N, D], Y uint8 [N, L])."""
    with open(path, "r", encoding="utf-8") as f:
        header = f.readline().split()
        if len(header) != 3:
            raise ValueError("%s: header must be 'N D L', got %r" % (path, " ".join(header)))
        n, d, n_labels = (int(t) for t in header)
        X = np.zeros((n, d), dtype=dtype)
        Y = np.zeros((n, n_labels), dtype=np.uint8)
        r = 0
        for line in f:
            if not line.strip():
                continue
            if r >= n:
                raise ValueError("%s: more rows than the header's %d" % (path, n))
            head, _, rest = line.rstrip("\n").partition(" ")
            if ":" in head:  # no labels on this row
                rest = head + " " + rest
            elif head:
                Y[r, [int(t) for t in head.split(",")]] = 1
            if rest.strip():
                fv = np.array(rest.replace(":", " ").split(), dtype=np.float64).reshape(-1, 2)
                X[r, fv[:, 0].astype(np.int64)] = fv[:, 1]
            r += 1
        if r != n:
            raise ValueError("%s: header says %d rows, found %d" % (path, n, r))
    return X, Y


def read_predictions(path, n_rows, n_labels):
    """Reads `fewhot predict` output (one line per row, `label:score` pairs, best first).
    Returns (S dense float32 scores, 0 where absent [N, L], ranked list of label-id lists)."""
    S = np.zeros((n_rows, n_labels), dtype=np.float32)
    ranked = []
    with open(path, "r", encoding="utf-8") as f:
        for r, line in enumerate(f):
            ids = []
            for tok in line.split():
                lab, _, sc = tok.partition(":")
                j = int(lab)
                S[r, j] = float(sc)
                ids.append(j)
            ranked.append(ids)
    if len(ranked) != n_rows:
        raise ValueError("%s: %d prediction lines for %d rows" % (path, len(ranked), n_rows))
    return S, ranked


def threshold_metrics(pred, Y):
    """pred, Y: 0/1 arrays [N, L]. Micro/macro F1 (a label with no true and no predicted
    positives scores F1 0, as scikit-learn with zero_division=0), empty-row share, labels ever
    predicted, mean predicted labels per row."""
    pred = pred.astype(bool)
    Yb = Y.astype(bool)
    tp = (pred & Yb).sum(axis=0).astype(np.float64)
    fp = (pred & ~Yb).sum(axis=0).astype(np.float64)
    fn = (~pred & Yb).sum(axis=0).astype(np.float64)
    den = 2 * tp + fp + fn
    micro = 2 * tp.sum() / den.sum() if den.sum() > 0 else 0.0
    per_label = np.where(den > 0, 2 * tp / np.where(den > 0, den, 1), 0.0)
    return {
        "micro_f1": float(micro),
        "macro_f1": float(per_label.mean()),
        "empty_row_share": float((pred.sum(axis=1) == 0).mean()),
        "labels_ever_predicted": int((pred.sum(axis=0) > 0).sum()),
        "mean_predicted_per_row": float(pred.sum(axis=1).mean()),
    }


def precision_at_k(ranked, Y, ks=(1, 5)):
    """ranked: per row, label ids best first (at least max(ks) of them when available)."""
    out = {}
    for k in ks:
        hits = 0
        for r, ids in enumerate(ranked):
            top = ids[:k]
            hits += int(Y[r, top].sum()) if top else 0
        out["P@%d" % k] = hits / (k * len(ranked)) if ranked else 0.0
    return out


def top_k_ids(S, k):
    """Label ids of the k best scores per row, best first; ties go to the lower id."""
    return np.argsort(-S, axis=1, kind="stable")[:, :k]


def percentile(sorted_values, pct):
    """Nearest-rank percentile of an ascending sequence (the definition fewhot bench-latency uses)."""
    n = len(sorted_values)
    rank = int(np.ceil(pct / 100.0 * n))
    return sorted_values[max(0, min(n - 1, rank - 1))]
