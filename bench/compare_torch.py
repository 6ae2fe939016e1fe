#!/usr/bin/python3
"""Side-by-side benchmark of fewhot against PyTorch (bench/torch_peer.py), back to back in one run.

Speed mode (default): generates the data set once into bench/out/ with `./fewhot gen`, then for
each configuration (MLP ASL, MLP BCE, linear ASL) trains with fewhot and with PyTorch at every
thread count of --threads (default 1,2), interleaved, for --epochs epochs (default 1). Prints a
markdown table of training samples/s, the fewhot/PyTorch ratios at each tool's best thread count
and at one thread, the peak RSS of each training process, then batch-1 inference latency
(p50/p99, one thread) of both tools and the ratio.

Quality mode (--quality): trains the MLP for --quality-epochs (default 5) with every loss in both
tools and prints test micro-F1, macro-F1, P@1, P@5, empty-row share and labels ever predicted at
threshold 0.5, side by side. fewhot's metrics are computed here from `fewhot predict`
output (--threshold 0.5 for the F1s, --top-k 5 for P@k) and the test file.

Results are only comparable within one run: the machine is shared and noisy.
Everything a run writes (data, models, raw JSON, the markdown report) goes under bench/out/.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import xcio  # noqa: E402

PY = "/usr/bin/python3"  # Debian's python: the one with torch
TIME = "/usr/bin/time"
SPEED_CONFIGS = [
    ("MLP 256-1024-512, ASL", 1024, "asl"),
    ("MLP 256-1024-512, BCE", 1024, "bce"),
    ("linear 256-512, ASL", 0, "asl"),
]
QUALITY_LOSSES = ["bce", "weighted-bce", "focal", "focal-one-sided", "asl"]


def log(msg):
    print("compare: " + msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- running processes

def run_measured(cmd, label):
    """Runs cmd (cwd = repository root), returns (stdout, peak RSS in MB or None). Peak RSS from
    /usr/bin/time -v when available, else from polling /proc/PID/status (VmHWM)."""
    log(label + ": " + " ".join(cmd))
    if os.access(TIME, os.X_OK):
        tfile = os.path.join(OUT, ".time.txt")
        p = subprocess.run([TIME, "-v", "-o", tfile] + cmd, cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        rss = None
        try:
            with open(tfile) as f:
                m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
                rss = int(m.group(1)) / 1024.0 if m else None
        except OSError:
            pass
    else:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peak = [0]

        def poll():
            # the fewhot launcher execs java, so the PID stays the same
            while proc.poll() is None:
                try:
                    with open("/proc/%d/status" % proc.pid) as f:
                        for line in f:
                            if line.startswith("VmHWM:"):
                                peak[0] = max(peak[0], int(line.split()[1]))
                except OSError:
                    pass
                time.sleep(0.05)

        t = threading.Thread(target=poll, daemon=True)
        t.start()
        out, err = proc.communicate()
        t.join()
        p = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
        rss = peak[0] / 1024.0 if peak[0] else None
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise SystemExit("compare: %s failed with exit code %d" % (label, p.returncode))
    return p.stdout, rss


def last_json(text):
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON object in output:\n" + text[-2000:])


def fewhot(*args):
    return ["./fewhot"] + [str(a) for a in args]


def fewhot_train(train, model, hidden, loss, epochs, threads, seed):
    out, rss = run_measured(fewhot("train", "--train", train, "--model", model, "--hidden", hidden, "--loss", loss,
                                   "--epochs", epochs, "--batch", 256, "--lr", "1e-3", "--threads", threads,
                                   "--seed", seed, "--json"),
                            "fewhot train %s h%d t%d" % (loss, hidden, threads))
    r = last_json(out)
    r["peak_rss_mb"] = rss
    return r


def torch_train(train, test, hidden, loss, epochs, threads, seed, prior_bias, metrics=False, lat_rows=0,
                lat_warmup=0):
    cmd = [PY, os.path.join(HERE, "torch_peer.py"), "--train", train, "--loss", loss, "--hidden", str(hidden),
           "--epochs", str(epochs), "--batch", "256", "--lr", "1e-3", "--threads", str(threads), "--seed", str(seed),
           "--lat-rows", str(lat_rows), "--lat-warmup", str(lat_warmup), "--quiet"]
    if prior_bias and loss != "asl":
        # mirrors fewhot's --output-bias auto: prior log-odds for every loss but ASL
        cmd.append("--prior-bias-init")
    if metrics or lat_rows > 0:
        cmd += ["--test", test]
    if not metrics:
        cmd.append("--no-metrics")
    out, rss = run_measured(cmd, "torch %s h%d t%d" % (loss, hidden, threads))
    r = last_json(out)
    r["peak_rss_mb_time"] = rss
    return r


# --------------------------------------------------------------------------- data

def ensure_data(args):
    d = os.path.join(OUT, "data-%d-%d-s%d" % (args.train_rows, args.test_rows, args.data_seed))
    train, test = os.path.join(d, "fewhot_train.txt"), os.path.join(d, "fewhot_test.txt")
    if args.regen and os.path.isdir(d):
        shutil.rmtree(d)
    if not (os.path.exists(train) and os.path.exists(test)):
        run_measured(fewhot("gen", "--out-dir", d, "--train-rows", args.train_rows, "--test-rows", args.test_rows,
                            "--seed", args.data_seed), "gen")
    else:
        log("reusing data in " + d)
    return train, test


# --------------------------------------------------------------------------- formatting

def fmt_rate(v):
    return "%s" % format(int(round(v)), ",") if v is not None else "-"


def fmt_ratio(a, b):
    return "%.2fx" % (a / b) if a and b else "-"


def fmt_mb(v):
    return "%.0f" % v if v else "-"


def best(rates):
    """rates: {threads: samples/s} -> (threads, samples/s) of the fastest."""
    t = max(rates, key=lambda k: rates[k])
    return t, rates[t]


# --------------------------------------------------------------------------- modes

def speed(args, train, test):
    threads = [int(t) for t in args.threads.split(",")]
    rows = []
    lat = []
    raw = {"speed": [], "latency": []}
    for name, hidden, loss in SPEED_CONFIGS:
        fw, tw, frss, trss, fl = {}, {}, {}, {}, {}
        for t in threads:
            model = os.path.join(OUT, "models", "speed-%s-h%d-t%d.fewhot" % (loss, hidden, t))
            f = fewhot_train(train, model, hidden, loss, args.epochs, t, args.seed)
            p = torch_train(train, test, hidden, loss, args.epochs, t, args.seed, not args.torch_default_init)
            fw[t], tw[t] = f["train_samples_per_s"], p["train_samples_per_s"]
            # fewhot's last epoch: the JVM's steady state once the JIT has compiled the kernels
            fl[t] = (f.get("epoch_samples_per_s") or [fw[t]])[-1]
            frss[t], trss[t] = f["peak_rss_mb"], p.get("peak_rss_mb_time") or p["peak_rss_mb"]
            raw["speed"].append({"config": name, "threads": t, "fewhot": f, "pytorch": p})
        rows.append((name, fw, tw, frss, trss, fl))
    # batch-1 latency at one thread, on models trained above (fewhot) / retrained briefly (PyTorch)
    for name, hidden, loss in SPEED_CONFIGS:
        if loss != "asl":
            continue
        model = os.path.join(OUT, "models", "speed-%s-h%d-t%d.fewhot" % (loss, hidden, threads[0]))
        out, _ = run_measured(fewhot("bench-latency", "--model", model, "--data", test, "--rows", args.lat_rows,
                                     "--warmup", args.lat_warmup, "--threads", 1, "--json"),
                              "fewhot bench-latency h%d" % hidden)
        f = last_json(out)
        p = torch_train(train, test, hidden, loss, 1, 1, args.seed, not args.torch_default_init,
                        lat_rows=args.lat_rows, lat_warmup=args.lat_warmup)
        lat.append((name, f, p))
        raw["latency"].append({"config": name, "fewhot": f, "pytorch": p})

    md = []
    md.append("Training speed, samples/s (forward + loss + backward + Adam step), %d epoch(s), %d train rows, "
              "batch 256; ratio = fewhot / PyTorch (> 1: fewhot faster)." % (args.epochs, args.train_rows))
    md.append("")
    hdr = ["config"] + ["fewhot %dt" % t for t in threads] + ["PyTorch %dt" % t for t in threads] + \
          ["fewhot best", "PyTorch best", "ratio at best", "ratio at 1t", "fewhot last epoch best / 1t",
           "ratio last epoch at best / 1t", "fewhot peak RSS MB", "PyTorch peak RSS MB"]
    md.append("| " + " | ".join(hdr) + " |")
    md.append("|" + "---|" * len(hdr))
    for name, fw, tw, frss, trss, fl in rows:
        (fbt, fb), (tbt, tb) = best(fw), best(tw)
        (flt, flb) = best(fl)
        cells = [name] + [fmt_rate(fw[t]) for t in threads] + [fmt_rate(tw[t]) for t in threads]
        cells += ["%s (%dt)" % (fmt_rate(fb), fbt), "%s (%dt)" % (fmt_rate(tb), tbt), fmt_ratio(fb, tb),
                  fmt_ratio(fw.get(1), tw.get(1)),
                  "%s (%dt) / %s" % (fmt_rate(flb), flt, fmt_rate(fl.get(1))),
                  "%s / %s" % (fmt_ratio(flb, tb), fmt_ratio(fl.get(1), tw.get(1))),
                  "/".join(fmt_mb(frss[t]) for t in threads), "/".join(fmt_mb(trss[t]) for t in threads)]
        md.append("| " + " | ".join(cells) + " |")
    md.append("")
    md.append("Peak RSS columns list the training processes at %s thread(s) (whole process: JVM or Python "
              "interpreter, data, model)." % "/".join(map(str, threads)))
    md.append("")
    md.append("Batch-1 inference latency, one thread, %d timed calls after %d warm-up calls (microseconds; "
              "ratio = fewhot / PyTorch, < 1: fewhot faster)." % (args.lat_rows, args.lat_warmup))
    md.append("")
    md.append("| model | fewhot p50 | PyTorch p50 | ratio p50 | fewhot p99 | PyTorch p99 | ratio p99 |")
    md.append("|---|---|---|---|---|---|---|")
    for name, f, p in lat:
        md.append("| %s | %.1f | %.1f | %s | %.1f | %.1f | %s |" % (
            name, f["p50_us"], p["latency_p50_us"], fmt_ratio(f["p50_us"], p["latency_p50_us"]),
            f["p99_us"], p["latency_p99_us"], fmt_ratio(f["p99_us"], p["latency_p99_us"])))
    return md, raw


def fewhot_metrics(model, test, Yte):
    n, L = Yte.shape
    out_thr = os.path.join(OUT, "pred-thr.txt")
    out_top = os.path.join(OUT, "pred-top5.txt")
    run_measured(fewhot("predict", "--model", model, "--data", test, "--threshold", "0.5", "--out", out_thr),
                 "fewhot predict --threshold 0.5")
    run_measured(fewhot("predict", "--model", model, "--data", test, "--top-k", "5", "--out", out_top),
                 "fewhot predict --top-k 5")
    S, _ = xcio.read_predictions(out_thr, n, L)
    m = xcio.threshold_metrics(S >= 0.5, Yte)
    _, ranked = xcio.read_predictions(out_top, n, L)
    m.update(xcio.precision_at_k(ranked, Yte, (1, 5)))
    return m


def quality(args, train, test):
    _, Yte = xcio.load_xc(test)
    raw = []
    md = ["Test quality after %d epochs, MLP 256-1024-512, Adam 1e-3, batch 256, threshold 0.5 "
          "(%d train rows, %d test rows; fewhot at %d thread(s), PyTorch at %d; PyTorch output bias %s)."
          % (args.quality_epochs, args.train_rows, args.test_rows, args.quality_fewhot_threads,
             args.quality_torch_threads, "at default init" if args.torch_default_init else "as fewhot's --output-bias auto (prior log-odds except for asl)"),
          "",
          "| loss | micro-F1 fewhot | micro-F1 PyTorch | macro-F1 fewhot | macro-F1 PyTorch | P@1 fewhot | "
          "P@1 PyTorch | P@5 fewhot | P@5 PyTorch | empty rows fewhot | empty rows PyTorch | labels predicted "
          "fewhot | labels predicted PyTorch | final loss fewhot | final loss PyTorch |",
          "|" + "---|" * 15]
    for loss in QUALITY_LOSSES:
        model = os.path.join(OUT, "models", "quality-%s.fewhot" % loss)
        f = fewhot_train(train, model, 1024, loss, args.quality_epochs, args.quality_fewhot_threads, args.seed)
        f.update(fewhot_metrics(model, test, Yte))
        p = torch_train(train, test, 1024, loss, args.quality_epochs, args.quality_torch_threads, args.seed,
                        not args.torch_default_init, metrics=True)
        raw.append({"loss": loss, "fewhot": f, "pytorch": p})
        md.append("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f %% | %.1f %% | %d | %d | %.5g | %.5g |" % (
            loss, f["micro_f1"], p["micro_f1"], f["macro_f1"], p["macro_f1"], f["P@1"], p["P@1"], f["P@5"], p["P@5"],
            100 * f["empty_row_share"], 100 * p["empty_row_share"], f["labels_ever_predicted"],
            p["labels_ever_predicted"], f["final_loss"], p["final_loss"]))
    md.append("")
    md.append("ASL losses are sums over the batch (the paper's reduction), the others means.")
    return md, {"quality": raw}


def main(argv=None):
    global OUT
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train-rows", type=int, default=50000, help="rows of the generated train file (default 50000)")
    ap.add_argument("--test-rows", type=int, default=10000, help="rows of the generated test file (default 10000)")
    ap.add_argument("--data-seed", type=int, default=20240601, help="seed of `fewhot gen` (default its own)")
    ap.add_argument("--regen", action="store_true", help="regenerate the data even when it exists")
    ap.add_argument("--epochs", type=int, default=1, help="epochs of every speed run (default 1)")
    ap.add_argument("--threads", default="1,2", help="thread counts to try in speed mode (default 1,2)")
    ap.add_argument("--seed", type=int, default=0, help="training seed of both tools (default 0)")
    ap.add_argument("--lat-rows", type=int, default=2000, help="timed batch-1 calls (default 2000)")
    ap.add_argument("--lat-warmup", type=int, default=500, help="untimed warm-up calls (default 500)")
    ap.add_argument("--quality", action="store_true", help="quality mode: every loss, both tools, test metrics")
    ap.add_argument("--quality-epochs", type=int, default=5, help="epochs in quality mode (default 5)")
    ap.add_argument("--quality-fewhot-threads", type=int, default=2)
    ap.add_argument("--quality-torch-threads", type=int, default=1)
    ap.add_argument("--torch-default-init", action="store_true",
                    help="leave PyTorch's output bias at its default init (default: as fewhot's --output-bias auto: prior log-odds except for asl)")
    ap.add_argument("--out-dir", default=os.path.join(HERE, "out"), help="work folder (default bench/out)")
    args = ap.parse_args(argv)
    if args.epochs < 1 or args.quality_epochs < 1:
        ap.error("--epochs and --quality-epochs must be >= 1")
    OUT = os.path.abspath(args.out_dir)
    os.makedirs(os.path.join(OUT, "models"), exist_ok=True)

    # build fewhot before anything is timed
    run_measured(fewhot("--version"), "fewhot build check")
    train, test = ensure_data(args)
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    md, raw = (quality if args.quality else speed)(args, train, test)
    try:
        load = open("/proc/loadavg").read().split()[:3]
    except OSError:
        load = ["?"]
    head = ["## fewhot vs PyTorch, %s (%s), started %s; load average at end %s" % (
        "quality" if args.quality else "speed", " ".join(sys.argv[1:]) or "defaults", started, " ".join(load)), ""]
    text = "\n".join(head + md) + "\n"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kind = "quality" if args.quality else "speed"
    with open(os.path.join(OUT, "%s-%s.md" % (kind, stamp)), "w") as f:
        f.write(text)
    with open(os.path.join(OUT, "%s-%s.json" % (kind, stamp)), "w") as f:
        json.dump({"args": vars(args), **raw}, f, indent=1)
    print(text, end="")
    log("wrote %s/%s-%s.md and .json" % (OUT, kind, stamp))


OUT = None

if __name__ == "__main__":
    main()
