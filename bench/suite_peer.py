#!/usr/bin/python3
"""PyTorch peer for the defaults suite: an MLP with a small grid chosen on a validation part of
the training file only, scored once on the test file.

  suite_peer.py --train TRAIN --test TEST [--labels-xml X] [--seed 0] [--threads 2] --out OUT.json

Data: Mulan ARFF (dense or sparse; labels from the XML file beside the data; nominal feature
attributes one-hot, two-valued ones as 0/1, an attribute whose values are nearly all distinct left
out, as fewhot does) or Extreme Classification text. Dense features are z-scored with the
statistics of the training part; sparse non-negative ones are used as they are.

Model, in the style of ../shared/bench/torch_bench.py: D -> H (ReLU, dropout) -> L, Adam lr 1e-3,
up to 100 epochs, early stopping (patience 5) on the validation part's micro-F1 at its best
global threshold. Grid (8 configurations): H in {512, 1024}, loss in {bce, asl (4, 1, 0.05)},
dropout in {0, 0.5}, batch 32; on a training file of 4,096 rows or more (bibtex, stackex_cooking,
tmc2007-500) batch 256 and only H 1024 with dropout 0.5 (2 configurations), to finish on a shared
2-core machine. The
configuration with the best validation micro-F1 + P@1 is kept with its epoch and its global
threshold (tuned on the validation part, at least one label a row); the test file is read only
to score that one model.
"""
import argparse
import json
import os
import re
import sys
import time

import numpy as np
import torch
import torch.nn as nn




# ---------------------------------------------------------------- data

def _split_values(line):
    out, cur, q = [], [], None
    i = 0
    while i < len(line):
        ch = line[i]
        if q:
            if ch == "\\" and i + 1 < len(line):
                cur.append(line[i + 1]); i += 2; continue
            if ch == q:
                q = None
            else:
                cur.append(ch)
        elif ch in "'\"":
            q = ch
        elif ch == ",":
            out.append("".join(cur).strip()); cur = []
        else:
            cur.append(ch)
        i += 1
    out.append("".join(cur).strip())
    return out


def _unquote(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
        return s[1:-1].replace("\\'", "'").replace('\\"', '"').replace("\\\\", "\\")
    return s


def read_arff(path, label_names):
    attrs = []  # (name, type, values)
    rows = []
    with open(path, encoding="utf-8") as f:
        data = False
        for line in f:
            s = line.strip()
            if not s or s.startswith("%"):
                continue
            if not data:
                low = s.lower()
                if low.startswith("@attribute"):
                    rest = s[len("@attribute"):].strip()
                    if rest[0] in "'\"":
                        q = rest[0]
                        j = 1
                        while rest[j] != q or rest[j - 1] == "\\":
                            j += 1
                        name, t = _unquote(rest[: j + 1]), rest[j + 1:].strip()
                    else:
                        m = re.match(r"([^\s{]+)\s*(.*)$", rest)
                        name, t = m.group(1), m.group(2).strip()
                    if t.startswith("{"):
                        vals = [_unquote(v) for v in _split_values(t[1: t.rindex("}")])]
                        attrs.append((name, "nominal", vals))
                    else:
                        attrs.append((name, t.split()[0].lower(), None))
                elif low.startswith("@data"):
                    data = True
                continue
            if s.startswith("{"):
                row = {}
                body = s[1: s.rindex("}")].strip()
                if body:
                    for e in _split_values(body):
                        k, v = e.split(None, 1)
                        row[int(k)] = _unquote(v)
                rows.append(("sparse", row))
            else:
                rows.append(("dense", [_unquote(v) for v in _split_values(s)]))
    return attrs, rows


def raw_value(attrs, kind, row, a):
    if kind == "dense":
        return row[a]
    if a in row:
        return row[a]
    t = attrs[a]
    return t[2][0] if t[1] == "nominal" else "0"


def fit_encoding(attrs, rows, labels):
    enc = []
    n = len(rows)
    for a, (name, t, vals) in enumerate(attrs):
        if name in labels:
            continue
        if t == "nominal" or t == "string":
            distinct = {raw_value(attrs, k, r, a) for k, r in rows}
            if t == "string" or (len(vals) > 2 and n >= 20 and len(distinct) >= 0.9 * n):
                enc.append((a, "drop", None)); continue
            if len(vals) == 2:
                pos = {"1", "yes", "true", "y", "t"}
                p = 0 if (vals[0].lower() in pos and vals[1].lower() not in pos) else 1
                enc.append((a, "binary", (vals, p)))
            else:
                enc.append((a, "onehot", vals))
        else:
            enc.append((a, "numeric", None))
    return enc


def encode(attrs, rows, labels, enc):
    lab_idx = [i for i, (name, _, _) in enumerate(attrs) if name in labels]
    cols = 0
    layout = []
    for a, kind, info in enc:
        layout.append((a, kind, info, cols))
        cols += {"drop": 0, "numeric": 1, "binary": 1, "onehot": len(info) if kind == "onehot" else 0}[kind]
    X = np.zeros((len(rows), cols), dtype=np.float32)
    Y = np.zeros((len(rows), len(lab_idx)), dtype=np.float32)
    for i, (k, r) in enumerate(rows):
        for j, a in enumerate(lab_idx):
            Y[i, j] = 1.0 if raw_value(attrs, k, r, a) in ("1", "1.0") else 0.0
        for a, kind, info, c in layout:
            if kind == "drop":
                continue
            v = raw_value(attrs, k, r, a)
            if v == "?":
                continue
            if kind == "numeric":
                X[i, c] = float(v)
            elif kind == "binary":
                X[i, c] = 1.0 if v == info[0][info[1]] else 0.0
            elif v in info:
                X[i, c + info.index(v)] = 1.0
    return X, Y


def read_labels_xml(xml):
    return [_unquote('"' + m + '"') for m in re.findall(r'<label\s+name="([^"]*)"', open(xml, encoding="utf-8").read())]


def xml_for(path):
    stem = os.path.basename(path)[:-5]
    for cand in (stem + ".xml", stem.rsplit("-", 1)[0] + ".xml"):
        p = os.path.join(os.path.dirname(path), cand)
        if os.path.exists(p):
            return p
    raise SystemExit(f"no Mulan XML beside {path}")


def read_xc(path):
    with open(path) as f:
        n, d, L = map(int, f.readline().split())
        X = np.zeros((n, d), dtype=np.float32)
        Y = np.zeros((n, L), dtype=np.float32)
        for i, line in enumerate(f):
            parts = line.rstrip("\n").split(" ")
            if parts[0]:
                for l in parts[0].split(","):
                    Y[i, int(l)] = 1
            for fv in parts[1:]:
                if fv:
                    k, v = fv.split(":")
                    X[i, int(k)] = float(v)
    return X, Y


def load_pair(train, test):
    if train.endswith(".arff"):
        labels = set(read_labels_xml(xml_for(train)))
        attrs, rows = read_arff(train, labels)
        enc = fit_encoding(attrs, rows, labels)
        Xtr, Ytr = encode(attrs, rows, labels, enc)
        attrs_te, rows_te = read_arff(test, labels)
        Xte, Yte = encode(attrs_te, rows_te, labels, enc)
        return Xtr, Ytr, Xte, Yte
    Xtr, Ytr = read_xc(train)
    Xte, Yte = read_xc(test)
    return Xtr, Ytr, Xte, Yte


# ---------------------------------------------------------------- model and metrics

def asl(x, y, gn=4.0, gp=1.0, clip=0.05, eps=1e-8):
    p = torch.sigmoid(x)
    pm = (p - clip).clamp(min=0)
    lp = y * (1 - p).pow(gp) * torch.log(p.clamp(min=eps))
    ln = (1 - y) * pm.pow(gn) * torch.log((1 - pm).clamp(min=eps))
    return -(lp + ln).sum()


def metrics(P, Y, thr):
    pred = P >= thr
    best = P.argmax(axis=1)
    pred[np.arange(len(P)), best] = True  # at least one label a row
    Yb = Y > 0
    tp = (pred & Yb).sum(0).astype(np.float64)
    fp = (pred & ~Yb).sum(0).astype(np.float64)
    fn = (~pred & Yb).sum(0).astype(np.float64)
    micro = 2 * tp.sum() / max(1.0, 2 * tp.sum() + fp.sum() + fn.sum())
    den = 2 * tp + fp + fn
    macro = float(np.mean(np.where(den > 0, 2 * tp / np.where(den > 0, den, 1), 0.0)))
    rtp = (pred & Yb).sum(1)
    rden = pred.sum(1) + Yb.sum(1)
    ex = float(np.mean(np.where(rden > 0, 2 * rtp / np.where(rden > 0, rden, 1), 1.0)))
    order = np.argsort(-P, axis=1, kind="stable")[:, :5]
    hits = np.take_along_axis(Yb, order, axis=1)
    out = {"micro_f1": micro, "macro_f1": macro, "samples_f1": ex,
           "hamming_loss": float((pred != Yb).mean()), "empty_rows": float((pred.sum(1) == 0).mean())}
    for k in (1, 3, 5):
        out["p@%d" % k] = float(hits[:, :k].sum(1).mean() / k)
    return out


def best_threshold(P, Y):
    best = (-1.0, 0.5)
    for t in np.concatenate([np.linspace(0.02, 0.1, 5), np.linspace(0.15, 0.9, 16)]):
        f = metrics(P, Y, t)["micro_f1"]
        if f > best[0]:
            best = (f, float(t))
    return best[1]


def scores(model, X):
    model.eval()
    with torch.no_grad():
        return torch.sigmoid(model(torch.from_numpy(X))).numpy()


def train_one(Xf, Yf, Xv, Yv, H, loss_name, dropout, batch, seed, max_epochs=100, patience=5):
    torch.manual_seed(seed)
    D, L = Xf.shape[1], Yf.shape[1]
    model = nn.Sequential(nn.Linear(D, H), nn.ReLU(), nn.Dropout(dropout), nn.Linear(H, L))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    bce = nn.BCEWithLogitsLoss()
    lossf = (lambda x, y: bce(x, y)) if loss_name == "bce" else asl
    g = torch.Generator().manual_seed(seed)
    Xt, Yt = torch.from_numpy(Xf), torch.from_numpy(Yf)
    best = (-1.0, None, 0, 0.5)
    since = 0
    for epoch in range(max_epochs):
        model.train()
        perm = torch.randperm(len(Xt), generator=g)
        for s in range(0, len(perm), batch):
            idx = perm[s: s + batch]
            opt.zero_grad()
            l = lossf(model(Xt[idx]), Yt[idx])
            l.backward()
            opt.step()
        Pv = scores(model, Xv)
        t = best_threshold(Pv, Yv)
        m = metrics(Pv, Yv, t)
        v = m["micro_f1"] + m["p@1"]
        if v > best[0]:
            best = (v, {k: w.clone() for k, w in model.state_dict().items()}, epoch + 1, t)
            since = 0
        else:
            since += 1
            if since >= patience:
                break
    model.load_state_dict(best[1])
    return model, best[0], best[2], best[3]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    t0 = time.perf_counter()
    Xtr, Ytr, Xte, Yte = load_pair(a.train, a.test)
    rng = np.random.default_rng(a.seed)
    order = rng.permutation(len(Xtr))
    nv = max(1, int(round(0.2 * len(Xtr))))
    vi, fi = np.sort(order[:nv]), np.sort(order[nv:])
    Xf, Yf, Xv, Yv = Xtr[fi], Ytr[fi], Xtr[vi], Ytr[vi]
    dense = (Xf != 0).mean() >= 0.1 or (Xf < 0).any()
    if dense:
        mu, sd = Xf.mean(0), Xf.std(0)
        sd[sd == 0] = 1
        Xf, Xv, Xte = [((x - mu) / sd).astype(np.float32) for x in (Xf, Xv, Xte)]
    large = len(Xtr) >= 4096  # training files of 4,096 rows or more: batch 256 and a smaller grid
    batch = 256 if large else 32
    grid = []
    best = None
    for H in ((1024,) if large else (512, 1024)):
        for loss_name in ("bce", "asl"):
            for dropout in ((0.5,) if large else (0.0, 0.5)):
                model, v, ep, thr = train_one(Xf, Yf, Xv, Yv, H, loss_name, dropout, batch, a.seed)
                grid.append({"hidden": H, "loss": loss_name, "dropout": dropout, "valid_score": v, "epochs": ep})
                print(f"peer grid H={H} {loss_name} dropout={dropout}: valid micro-F1+P@1 {v:.4f} at epoch {ep}",
                      file=sys.stderr, flush=True)
                if best is None or v > best[1]:
                    best = (model, v, ep, thr, grid[-1])
    model, v, ep, thr, cfg = best
    seconds = time.perf_counter() - t0
    m = metrics(scores(model, Xte), Yte, thr)
    out = dict(m, seconds=seconds, chosen=cfg, threshold=thr, batch=batch, grid=grid,
               train_rows=len(Xf), valid_rows=len(Xv), test_rows=len(Xte), standardized=bool(dense))
    with open(a.out, "w") as f:
        json.dump(out, f)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
