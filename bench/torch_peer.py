#!/usr/bin/python3
"""PyTorch peer of `fewhot train`: the same model, optimiser, batch and losses on the same files,
so that speed and quality can be compared side by side.

Model: D -> H (ReLU) -> L logits, or linear D -> L with --hidden 0; PyTorch's default nn.Linear
init under torch.manual_seed(--seed); optional --prior-bias-init sets the output bias to the
log-odds of each label's training prior, log((n_j + .5) / (N - n_j + .5)), as fewhot does.
Optimiser: Adam (torch defaults: betas .9/.999, eps 1e-8, no weight decay), float32, rows
reshuffled every epoch, last partial batch kept.

Losses (elementwise over batch x labels; x logits, y targets, p = sigmoid(x)):
  bce              binary cross-entropy with logits, mean
  weighted-bce     bce with l[y > 0] *= y * w (w = --positive-weight, 50), mean
  focal            p_t focal: alpha_t * (1 - p_t)^gamma * bce, alpha .25, gamma 2, mean
  focal-one-sided  (1 - p)^gamma * bce for every element, gamma 2, mean
  asl              asymmetric loss, gamma_neg 4, gamma_pos 1, clip .05, eps 1e-8, SUM
                   (focusing weight inside the autograd graph)

Reports one JSON object on stdout (progress goes to stderr):
  train_samples_per_s     rows * epochs / seconds inside forward + loss + backward + step
                          (batch gathering and shuffling excluded)
  train_samples_per_s_incl_gather  the same with the per-batch row gather included
  epoch_losses            mean batch loss per epoch
  test metrics at threshold 0.5: micro_f1, macro_f1, empty_row_share, labels_ever_predicted,
                          P@1, P@5
  latency_p50_us / p90 / p99 / mean: batch-1 forward + sigmoid in eval mode under
                          torch.inference_mode, --lat-rows timed calls after --lat-warmup,
                          at --lat-threads threads (default 1), nearest-rank percentiles
  peak_rss_mb             ru_maxrss of this process
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xcio  # noqa: E402

LOSSES = ("bce", "weighted-bce", "focal", "focal-one-sided", "asl")


def loss_fn(name, positive_weight=50.0, gamma=2.0, alpha=0.25, gamma_neg=4.0, gamma_pos=1.0, clip=0.05, eps=1e-8):
    """Returns f(logits, targets) -> scalar loss."""
    if name == "bce":
        return lambda x, y: F.binary_cross_entropy_with_logits(x, y, reduction="mean")

    if name == "weighted-bce":
        def wbce(x, y):
            el = F.binary_cross_entropy_with_logits(x, y, reduction="none")
            return torch.where(y > 0, el * (y * positive_weight), el).mean()
        return wbce

    if name == "focal":
        def focal(x, y):
            p = torch.sigmoid(x)
            el = F.binary_cross_entropy_with_logits(x, y, reduction="none")
            p_t = p * y + (1 - p) * (1 - y)
            a_t = alpha * y + (1 - alpha) * (1 - y)
            return (a_t * (1 - p_t) ** gamma * el).mean()
        return focal

    if name == "focal-one-sided":
        def one_sided(x, y):
            el = F.binary_cross_entropy_with_logits(x, y, reduction="none")
            return ((1 - torch.sigmoid(x)) ** gamma * el).mean()
        return one_sided

    if name == "asl":
        def asl(x, y):
            p = torch.sigmoid(x)
            q = (1 - p + clip).clamp(max=1)          # 1 - max(p - clip, 0)
            pos = y * torch.log(p.clamp(min=eps))
            neg = (1 - y) * torch.log(q.clamp(min=eps))
            pt = p * y + q * (1 - y)
            w = torch.pow(1 - pt, gamma_pos * y + gamma_neg * (1 - y))
            return -((pos + neg) * w).sum()
        return asl

    raise ValueError("--loss must be one of %s, got %r" % (", ".join(LOSSES), name))


def build_model(d, hidden, n_labels):
    if hidden <= 0:
        return nn.Linear(d, n_labels)
    return nn.Sequential(nn.Linear(d, hidden), nn.ReLU(), nn.Linear(hidden, n_labels))


def output_layer(model):
    return model if isinstance(model, nn.Linear) else model[-1]


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def train(model, loss, Xtr, Ytr, epochs, batch, lr, seed, log):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    n = Xtr.shape[0]
    gen = torch.Generator().manual_seed(seed)
    step_s = gather_s = 0.0
    epoch_losses = []
    model.train()
    for e in range(epochs):
        order = torch.randperm(n, generator=gen)
        total, batches = 0.0, 0
        for s in range(0, n, batch):
            g0 = time.perf_counter()
            idx = order[s:s + batch]
            xb, yb = Xtr.index_select(0, idx), Ytr.index_select(0, idx)
            t0 = time.perf_counter()
            opt.zero_grad(set_to_none=True)
            l = loss(model(xb), yb)
            l.backward()
            opt.step()
            t1 = time.perf_counter()
            step_s += t1 - t0
            gather_s += t0 - g0
            total += l.item()  # after the timer: .item() only reads the already computed value
            batches += 1
        epoch_losses.append(total / batches)
        log("epoch %d/%d: loss %.6g, %.0f samples/s so far" % (e + 1, epochs, epoch_losses[-1], n * (e + 1) / step_s))
    return epoch_losses, step_s, step_s + gather_s


def evaluate(model, Xte, Yte):
    model.eval()
    with torch.inference_mode():
        S = torch.sigmoid(model(Xte)).numpy()
    m = xcio.threshold_metrics(S >= 0.5, Yte)
    m.update(xcio.precision_at_k([list(r) for r in xcio.top_k_ids(S, 5)], Yte, (1, 5)))
    return m


def latency(model, Xte, rows, warmup):
    model.eval()
    n = Xte.shape[0]
    times = np.empty(rows, dtype=np.int64)
    with torch.inference_mode():
        for i in range(warmup):
            torch.sigmoid(model(Xte[i % n:i % n + 1]))
        for i in range(rows):
            r = i % n
            t0 = time.perf_counter_ns()
            torch.sigmoid(model(Xte[r:r + 1]))
            times[i] = time.perf_counter_ns() - t0
    times.sort()
    return {
        "latency_p50_us": xcio.percentile(times, 50) / 1e3,
        "latency_p90_us": xcio.percentile(times, 90) / 1e3,
        "latency_p99_us": xcio.percentile(times, 99) / 1e3,
        "latency_mean_us": float(times.mean()) / 1e3,
        "latency_calls": rows,
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", required=True, help="training file (XC text format)")
    ap.add_argument("--test", help="test file (XC text format); metrics and latency need it")
    ap.add_argument("--loss", default="asl", choices=LOSSES)
    ap.add_argument("--hidden", type=int, default=1024, help="hidden width; 0 = linear model (default 1024)")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads for training (default 1)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--positive-weight", type=float, default=50.0, help="weighted-bce: w (default 50)")
    ap.add_argument("--prior-bias-init", action="store_true",
                    help="start the output bias at each label's prior log-odds (as fewhot does)")
    ap.add_argument("--no-metrics", action="store_true", help="skip the test metrics")
    ap.add_argument("--lat-rows", type=int, default=2000, help="timed batch-1 calls (0 = skip latency)")
    ap.add_argument("--lat-warmup", type=int, default=500)
    ap.add_argument("--lat-threads", type=int, default=1, help="threads for the latency measurement (default 1)")
    ap.add_argument("--out", help="also write the JSON object to this file")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(argv)
    for opt, v, lo in (("--threads", args.threads, 1), ("--epochs", args.epochs, 1), ("--batch", args.batch, 1),
                       ("--lat-threads", args.lat_threads, 1), ("--lat-rows", args.lat_rows, 0)):
        if v < lo:
            ap.error("%s must be >= %d, got %d" % (opt, lo, v))

    def log(msg):
        if not args.quiet:
            print("torch_peer: " + msg, file=sys.stderr, flush=True)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    t0 = time.perf_counter()
    Xtr_np, Ytr_np = xcio.load_xc(args.train)
    load_s = time.perf_counter() - t0
    n, d = Xtr_np.shape
    n_labels = Ytr_np.shape[1]
    Xtr = torch.from_numpy(Xtr_np)
    Ytr = torch.from_numpy(Ytr_np.astype(np.float32))
    model = build_model(d, args.hidden, n_labels)
    if args.prior_bias_init:
        c = Ytr_np.sum(axis=0).astype(np.float64)
        with torch.no_grad():
            output_layer(model).bias.copy_(torch.from_numpy(np.log((c + 0.5) / (n - c + 0.5)).astype(np.float32)))
    log("%d rows, %d features, %d labels (loaded in %.1f s); %s, %s, %d thread(s)"
        % (n, d, n_labels, load_s, "linear" if args.hidden <= 0 else "MLP hidden %d" % args.hidden, args.loss, args.threads))

    epoch_losses, step_s, incl_gather_s = train(model, loss_fn(args.loss, args.positive_weight), Xtr, Ytr,
                                                args.epochs, args.batch, args.lr, args.seed, log)
    res = {
        "tool": "pytorch",
        "torch_version": torch.__version__,
        "loss": args.loss,
        "hidden": args.hidden,
        "epochs": args.epochs,
        "batch": args.batch,
        "lr": args.lr,
        "threads": args.threads,
        "prior_bias_init": args.prior_bias_init,
        "train_rows": n,
        "train_samples_per_s": n * args.epochs / step_s,
        "train_samples_per_s_incl_gather": n * args.epochs / incl_gather_s,
        "train_seconds": step_s,
        "load_seconds": load_s,
        "epoch_losses": epoch_losses,
        "final_loss": epoch_losses[-1],
        "peak_rss_mb_after_train": peak_rss_mb(),
    }
    if args.test:
        Xte_np, Yte = xcio.load_xc(args.test)
        if Xte_np.shape[1] != d or Yte.shape[1] != n_labels:
            ap.error("--test has %d features and %d labels, --train has %d and %d"
                     % (Xte_np.shape[1], Yte.shape[1], d, n_labels))
        Xte = torch.from_numpy(Xte_np)
        if not args.no_metrics:
            res.update(evaluate(model, Xte, Yte))
        if args.lat_rows > 0:
            torch.set_num_threads(args.lat_threads)
            res["latency_threads"] = args.lat_threads
            res.update(latency(model, Xte, args.lat_rows, args.lat_warmup))
    res["peak_rss_mb"] = peak_rss_mb()
    line = json.dumps(res)
    if args.out:
        with open(args.out, "w") as f:
            f.write(line + "\n")
    print(line, flush=True)


if __name__ == "__main__":
    main()
