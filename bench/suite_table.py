#!/usr/bin/env python3
"""The defaults suite's table (markdown) from the files bench/defaults_suite.sh wrote.

  suite_table.py OUT_DIR [--only SET]

With several seeds (SEEDS="0 1 2 3 4" bench/defaults_suite.sh) every figure is the mean over the
seeds that both tools finished, and the summary gives each tool's range of P@1 and micro-F1.

Published figures: RF-PCT (random forests of predictive clustering trees) P@1 (= 1 - one-error)
and micro-F1, and the best micro-F1 of the 28 methods, from the per-data-set results published
with Bogatinovski, Todorovski, Dzeroski and Kocev (2022); for bibtex also the Extreme
Classification Repository's P@1/P@3/P@5 (SLEEC, the best there by P@1). Published figures may
rest on other splits or protocols.
"""
import json
import os
import re
import sys

ORDER = ["flags", "emotions", "birds", "genbase", "scene", "yeast", "stackex_cooking", "bibtex", "tmc2007-500",
         "seed-shaped"]
RF_PCT = {  # set: (P@1, micro-F1, best-of-28 micro-F1)
    "emotions": (0.770, 0.719, 0.719), "scene": (0.781, 0.762, 0.792), "yeast": (0.768, 0.682, 0.682),
    "tmc2007-500": (0.831, 0.754, 0.792), "bibtex": (0.564, 0.449, 0.457), "birds": (0.286, 0.548, 0.562),
    "genbase": (1.000, 0.979, 0.986), "flags": (0.873, 0.777, 0.777),
}
XC_BIBTEX = (0.6508, 0.3964, 0.2887)  # SLEEC, Extreme Classification Repository
COLS = ["p@1", "p@3", "p@5", "micro_f1", "macro_f1", "samples_f1", "hamming_loss", "empty_rows"]


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def fmt(v, digits=3):
    return "" if v is None else f"{v:.{digits}f}"


def seeds_of(out, s):
    """The seeds with an eval file for set s, in order."""
    pattern = re.compile(re.escape(s) + r"\.seed(\d+)\.eval\.json$")
    return sorted(int(m.group(1)) for m in map(pattern.match, os.listdir(out)) if m)


def averaged(runs):
    """Key-wise means of the numeric values of a list of result dicts (None when there are none)."""
    if not runs:
        return None
    means = {}
    for k in set().union(*runs):
        values = [r[k] for r in runs if isinstance(r.get(k), (int, float))]
        means[k] = sum(values) / len(values) if values else None
    return means


def span(runs, key):
    vals = [r[key] for r in runs]
    return f"{min(vals):.3f}-{max(vals):.3f}"


def main():
    out = sys.argv[1]
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    rows = ["| set | method | seeds | P@1 | P@3 | P@5 | micro-F1 | macro-F1 | example-F1 | Hamming loss | empty rows "
            "| seconds |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    summary = []
    for s in ORDER:
        if only and s != only:
            continue
        seeds = seeds_of(out, s)
        runs = []
        for seed in seeds:
            ev, peer, tm = (load(os.path.join(out, f"{s}.seed{seed}.{k}.json")) for k in ("eval", "peer", "time"))
            if ev is None:
                continue
            runs.append((ev, peer, tm or {}))
        if any(peer is not None for _, peer, _ in runs):  # compare on the seeds both tools finished
            runs = [r for r in runs if r[1] is not None]
        evs = [ev for ev, _, _ in runs]
        peers = [peer for _, peer, _ in runs if peer is not None]
        tms = [tm for _, _, tm in runs]
        if not evs:
            continue
        ev, peer, tm = averaged(evs), averaged(peers), averaged(tms)
        rows.append(f"| {s} | fewhot train (plain) | {len(evs)} | " + " | ".join(fmt(ev.get(c)) for c in COLS)
                    + f" | {fmt(tm.get('train_seconds') if tm else None, 0)} |")
        if peer is not None:
            chosen = sorted({"H %s %s d%s" % (p.get("chosen", {}).get("hidden"), p.get("chosen", {}).get("loss"),
                                               p.get("chosen", {}).get("dropout")) for p in peers})
            rows.append(f"| {s} | PyTorch MLP ({', '.join(chosen)}) | {len(peers)} | "
                        + " | ".join(fmt(peer.get(c)) for c in COLS) + f" | {fmt(peer.get('seconds'), 0)} |")
        if s in RF_PCT:
            p1, mi, best = RF_PCT[s]
            rows.append(f"| {s} | RF-PCT (published) |  | {p1:.3f} |  |  | {mi:.3f} |  |  |  |  |  |")
            rows.append(f"| {s} | best of 28 methods (published) |  |  |  |  | {best:.3f} |  |  |  |  |  |")
        if s == "bibtex":
            rows.append("| bibtex | SLEEC (XC repository) |  | " + " | ".join(f"{v:.3f}" for v in XC_BIBTEX)
                        + " |  |  |  |  |  |  |")
        verdict = []
        if peer is not None:
            verdict.append("P@1 vs peer %+.3f, micro-F1 vs peer %+.3f" % (ev["p@1"] - peer["p@1"],
                                                                          ev["micro_f1"] - peer["micro_f1"]))
        if s in RF_PCT:
            verdict.append("P@1 vs RF-PCT %+.3f, micro-F1 vs RF-PCT %+.3f" % (ev["p@1"] - RF_PCT[s][0],
                                                                              ev["micro_f1"] - RF_PCT[s][1]))
        if len(evs) > 1:
            verdict.append("fewhot P@1 %s, micro-F1 %s" % (span(evs, "p@1"), span(evs, "micro_f1")))
            if len(peers) > 1:
                verdict.append("peer P@1 %s, micro-F1 %s" % (span(peers, "p@1"), span(peers, "micro_f1")))
        if verdict:
            summary.append(f"- {s}: " + "; ".join(verdict))
    print("\n".join(rows))
    if summary:
        print()
        print("\n".join(summary))


if __name__ == "__main__":
    main()
