package dev.fewhot.spark;

import dev.fewhot.data.LabelSets;
import dev.fewhot.loss.Loss;
import dev.fewhot.loss.Reduction;
import dev.fewhot.metrics.SetMetrics;
import dev.fewhot.metrics.TopKMetrics;
import dev.fewhot.model.Model;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.model.Predictor;
import dev.fewhot.optim.LrSchedule;
import dev.fewhot.optim.Optimizer;
import dev.fewhot.train.BatchGradient;
import dev.fewhot.train.EarlyStopping;
import dev.fewhot.train.TrainingListener;
import dev.fewhot.train.TrainerConfig;
import dev.fewhot.train.TrainingDivergedException;
import dev.fewhot.train.sampling.Seeds;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The training loops over cached {@link Block}s (one per partition), both built from the
 * library's step code ({@link BatchGradient}) and optimisers:
 * <ul>
 * <li>{@link Mode#SYNC}: every step broadcasts the parameters; each partition computes the loss
 *     and gradient sums of its rows of the global batch (the trainer's shuffle of all rows, cut
 *     into batches as the trainer cuts it); {@code treeAggregate} adds them in a fixed tree
 *     ({@link TreeSum}); the driver reduces them and applies the optimiser. The same run as
 *     {@link dev.fewhot.train.Trainer}'s up to float rounding.</li>
 * <li>{@link Mode#LOCAL_SGD}: every round broadcasts the parameters and the optimiser state;
 *     each partition takes {@code localSteps} steps on its own rows (batch: the global batch
 *     divided among the partitions, so a round consumes as many rows as {@code localSteps}
 *     trainer steps), and the copies (parameters and optimiser state) are averaged.</li>
 * </ul>
 * Both are deterministic functions of the data's partitioning and the seed: a lost executor's
 * tasks recompute the same parts, and the sums do not depend on the order of arrival.
 */
final class SparkTraining {
    /** How partitions share the work. */
    enum Mode {
        SYNC("sync"), LOCAL_SGD("local-sgd");

        final String id;

        Mode(String id) { this.id = id; }

        static Mode fromId(String s) {
            for (Mode m : values()) if (m.id.equals(s)) return m;
            throw new IllegalArgumentException("trainingMode must be sync or local-sgd, got '" + s + "'");
        }
    }

    /** What a run produced. */
    record Result(float[] params, int epochsRun, int bestEpoch, List<Double> epochLosses, List<Double> validation,
                  long steps, long sparkJobs, double seconds, double samplesPerSecond) { }

    private SparkTraining() { }

    /**
     * Trains.
     *
     * @param train    training blocks, cached, one per partition
     * @param offsets  global index of each partition's first row
     * @param valid    validation blocks, or null
     * @param depth    treeAggregate depth
     */
    static Result train(JavaSparkContext jsc, JavaRDD<Block> train, long[] offsets, int rows, JavaRDD<Block> valid,
                        TrainSpec spec, Mode mode, int localSteps, int depth, TrainingListener progress) {
        TrainerConfig tc = spec.trainerConfig();
        ModelConfig cfg = spec.modelConfig();
        Loss loss = spec.loss();
        int L = cfg.outputDim(), P = cfg.parameterCount();
        int bs = Math.min(tc.batchSize(), rows);
        int partitions = train.getNumPartitions();
        int active = 0;
        for (int p = 0; p < partitions; p++) if (offsets[p + 1] > offsets[p]) active++;
        int localBatch = Math.max(1, (bs + active - 1) / active);
        long perStep = mode == Mode.SYNC ? bs : (long) localBatch * active;
        int batches = (int) ((rows + perStep - 1) / perStep);
        LrSchedule schedule = spec.schedule(batches);
        float[] params = BatchGradient.initialParameters(cfg, spec.labelCounts, rows, tc.seed(), tc.outputBias());
        Optimizer opt = Optimizer.create(tc.optimizer(), P, 1);

        List<Double> losses = new ArrayList<>(), vals = new ArrayList<>();
        float[] best = null;
        double bestVal = Double.NaN;
        int bestEpoch = 0, sinceBest = 0, epochsRun = 0;
        long step = 0, jobs = 0, samples = 0;
        long t0 = System.nanoTime();
        EarlyStopping es = tc.earlyStopping();
        for (int epoch = 0; epoch < tc.epochs(); epoch++) {
            double epochLoss = 0;
            if (mode == Mode.SYNC) {
                for (int b = 0; b < batches; b++) {
                    int from = b * bs, m = Math.min(bs, rows - from);
                    Broadcast<float[]> bp = jsc.broadcast(params);
                    TreeSum.Part sum = syncStep(train, bp, spec, offsets, rows, epoch, b, from, m, depth);
                    bp.destroy();
                    jobs++;
                    if (sum.rows() != m) {
                        throw new IllegalStateException("step " + (step + 1) + " summed " + sum.rows() + " rows, the batch has " + m);
                    }
                    float[] grad = sum.values();
                    double l = BatchGradient.reduce(loss, sum.loss(), grad, m, L);
                    if (!Double.isFinite(l)) {
                        throw new TrainingDivergedException("loss became " + l + " at epoch " + (epoch + 1) + ", batch " + (b + 1)
                                + ": lower the learning rate (lr " + tc.lr() + ")", epoch + 1, b + 1);
                    }
                    BatchGradient.update(params, grad, opt, schedule.at(step++), tc.gradClipNorm(), epoch + 1, b + 1);
                    epochLoss += l;
                    samples += m;
                    if ((b & 15) == 15 || b == batches - 1) {
                        progress.batchEnded(epoch + 1, b + 1, batches, l, samples / Math.max((System.nanoTime() - t0) / 1e9, 1e-9));
                    }
                }
            } else {
                for (int b = 0; b < batches; b += localSteps) {
                    int k = Math.min(localSteps, batches - b);
                    float[] state = pack(params, opt);
                    Broadcast<float[]> bp = jsc.broadcast(state);
                    TreeSum.Part sum = localRound(train, bp, spec, epoch, b, k, step, batches, localBatch, depth, P);
                    bp.destroy();
                    jobs++;
                    float[] avg = sum.values();
                    float inv = (float) (1.0 / sum.rows());
                    for (int i = 0; i < avg.length; i++) avg[i] *= inv;
                    unpack(avg, params, opt, step + k);
                    int bad = dev.fewhot.kernels.VectorOps.firstNonFinite(params.length, params, 0);
                    if (bad >= 0) {
                        throw new TrainingDivergedException("parameter " + bad + " became " + params[bad] + " at epoch "
                                + (epoch + 1) + ": lower the learning rate (lr " + tc.lr() + ")", epoch + 1, b + 1);
                    }
                    step += k;
                    // the partitions' step losses over the round: averaged for a mean loss, added for a
                    // summed one (a partition's step covers 1/partitions of the batch), as sync reports them
                    double roundLoss = loss.reducer() == Reduction.MEAN ? sum.loss() / sum.rows() : sum.loss();
                    epochLoss += roundLoss;
                    samples += (long) k * localBatch * sum.rows();
                    progress.batchEnded(epoch + 1, b + k, batches, roundLoss / k,
                            samples / Math.max((System.nanoTime() - t0) / 1e9, 1e-9));
                }
            }
            epochsRun++;
            double meanLoss = epochLoss / batches;
            losses.add(meanLoss);
            double v = Double.NaN;
            if (valid != null) {
                v = Evaluation.of(jsc, valid, cfg, params, spec, new dev.fewhot.decide.DecisionRule.Threshold(0.5)).value(es.metric(), loss);
                jobs++;
                vals.add(v);
            }
            progress.epochEnded(epoch + 1, meanLoss, v);
            if (valid != null && es.enabled()) {
                boolean lower = es.metric().lowerIsBetter();
                if (best == null || (lower ? v < bestVal : v > bestVal)) {
                    bestVal = v;
                    best = params.clone();
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                } else if (++sinceBest >= es.patience()) {
                    break;
                }
            }
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        if (best == null) bestEpoch = epochsRun;
        return new Result(best != null ? best : params, epochsRun, bestEpoch, losses, vals, step, jobs, sec,
                samples / Math.max(sec, 1e-9));
    }

    private static TreeSum.Part syncStep(JavaRDD<Block> train, Broadcast<float[]> bp, TrainSpec spec, long[] offsets, int rows,
                                         int epoch, int b, int from, int m, int depth) {
        return train.mapPartitionsWithIndex((p, it) -> {
            Block blk = it.next();
            int[][] eo = blk.epochOrder(spec.seed, epoch, offsets[p], rows);
            int lo = lowerBound(eo[1], from), hi = lowerBound(eo[1], from + m);
            if (hi == lo) return Collections.singletonList(TreeSum.leaf(p, 0, 0, null)).iterator();
            float[] params = bp.value();
            float[] grad = new float[params.length];
            SplittableRandom drop = spec.dropout > 0 ? new SplittableRandom(Seeds.mix(Seeds.mix(spec.seed, epoch, b), p, -2)) : null;
            double l = gradient(blk, spec).accumulate(params, blk.features(), blk.labels(spec.outputDim), eo[0], lo, hi - lo, drop, grad);
            return Collections.singletonList(TreeSum.leaf(p, l, hi - lo, grad)).iterator();
        }, true).treeAggregate(new TreeSum(), TreeSum::add, TreeSum::merge, depth).total();
    }

    private static TreeSum.Part localRound(JavaRDD<Block> train, Broadcast<float[]> bp, TrainSpec spec, int epoch, int b0, int k,
                                           long step0, int batches, int localBatch, int depth, int P) {
        return train.mapPartitionsWithIndex((p, it) -> {
            Block blk = it.next();
            if (blk.rows == 0) return Collections.singletonList(TreeSum.leaf(p, 0, 0, null)).iterator();
            float[] state = bp.value();
            float[] params = java.util.Arrays.copyOf(state, P);
            TrainerConfig tc = spec.trainerConfig();
            LrSchedule schedule = spec.schedule(batches);
            Optimizer opt = Optimizer.create(tc.optimizer(), P, 1);
            unpack(state, params, opt, step0);
            BatchGradient g = gradient(blk, spec);
            LabelSets y = blk.labels(spec.outputDim);
            int[] order = blk.localOrder(spec.seed, epoch, p);
            int[] idx = new int[localBatch];
            float[] grad = new float[P];
            double lossSum = 0;
            for (int s = 0; s < k; s++) {
                int b = b0 + s;
                long start = (long) b * localBatch;
                for (int i = 0; i < localBatch; i++) idx[i] = order[(int) ((start + i) % blk.rows)];
                java.util.Arrays.fill(grad, 0f);
                SplittableRandom drop = spec.dropout > 0 ? new SplittableRandom(Seeds.mix(Seeds.mix(spec.seed, epoch, b), p, -2)) : null;
                double l = g.accumulate(params, blk.features(), y, idx, 0, localBatch, drop, grad);
                l = BatchGradient.reduce(spec.loss(), l, grad, localBatch, spec.outputDim);
                BatchGradient.update(params, grad, opt, schedule.at(step0 + s), tc.gradClipNorm(), epoch + 1, b + 1);
                lossSum += l;
            }
            return Collections.singletonList(TreeSum.leaf(p, lossSum, 1, pack(params, opt))).iterator();
        }, true).treeAggregate(new TreeSum(), TreeSum::add, TreeSum::merge, depth).total();
    }

    /** The block's gradient workspace for this run (kept with the cached block). */
    private static BatchGradient gradient(Block blk, TrainSpec spec) {
        synchronized (blk) {
            if (blk.workspace instanceof Object[] w && w[0].equals(spec.runId)) return (BatchGradient) w[1];
            BatchGradient g = new BatchGradient(spec.modelConfig(), null, spec.loss(), spec.threads);
            blk.workspace = new Object[] {spec.runId, g};
            return g;
        }
    }

    /** Parameters followed by the optimiser's state arrays. */
    static float[] pack(float[] params, Optimizer opt) {
        List<float[]> st = opt.state();
        int n = params.length;
        for (float[] a : st) n += a.length;
        float[] out = java.util.Arrays.copyOf(params, n);
        int at = params.length;
        for (float[] a : st) {
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        return out;
    }

    /** The inverse of {@link #pack}: parameters into params, state into opt with its step count. */
    static void unpack(float[] packed, float[] params, Optimizer opt, long steps) {
        System.arraycopy(packed, 0, params, 0, params.length);
        List<float[]> arrays = new ArrayList<>();
        int at = params.length;
        for (float[] a : opt.state()) {
            arrays.add(java.util.Arrays.copyOfRange(packed, at, at + a.length));
            at += a.length;
        }
        opt.restore(steps, arrays);
    }

    /** The first index i with a[i] >= key (a ascending). */
    static int lowerBound(int[] a, int key) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /**
     * Validation or test counts added over partitions: the library's metrics from them. With a
     * {@link TrainSpec} (validation during training) only the value the spec's validation metric
     * needs is computed: the loss sum when it is the loss, else the counts.
     */
    static final class Evaluation implements Serializable {
        private static final long serialVersionUID = 1L;
        final long[] tp, predicted, actual;
        long rows, hitsAt1, hitsAt5;
        double lossSum;

        Evaluation(int labels) {
            tp = new long[labels];
            predicted = new long[labels];
            actual = new long[labels];
        }

        /** Scores every block with params and adds up the counts (in partition order: deterministic). */
        static Evaluation of(JavaSparkContext jsc, JavaRDD<Block> blocks, ModelConfig cfg, float[] params, TrainSpec spec,
                             dev.fewhot.decide.DecisionRule rule) {
            Model model = new Model(cfg, params, spec.seed, List.of(), rule, java.util.Map.of());
            return of(jsc, blocks, new ModelBytes(model), spec);
        }

        static Evaluation of(JavaSparkContext jsc, JavaRDD<Block> blocks, ModelBytes model, TrainSpec spec) {
            Broadcast<ModelBytes> bm = jsc.broadcast(model);
            List<Evaluation> parts = blocks.map(blk -> count(blk, bm.value().model(), spec)).collect();
            bm.destroy();
            Evaluation total = new Evaluation(model.model().config().outputDim());
            for (Evaluation e : parts) total.add(e);
            return total;
        }

        static Evaluation count(Block blk, Model model, TrainSpec spec) {
            int L = model.config().outputDim();
            Evaluation e = new Evaluation(L);
            LabelSets y = blk.labels(L);
            Predictor pred = model.predictor(spec == null ? 1 : spec.threads);
            // a training run reads one value per epoch: the loss alone, or the counts alone
            Loss loss = spec != null && spec.validationMetric == EarlyStopping.ValidationMetric.LOSS ? spec.loss() : null;
            int chunk = Math.max(1, Math.min(blk.rows, (1 << 22) / Math.max(1, L)));
            float[] out = new float[Math.min(blk.rows, chunk) * L], targets = loss == null ? null : new float[out.length];
            for (int from = 0; from < blk.rows; from += chunk) {
                int n = Math.min(chunk, blk.rows - from);
                LabelSets truth = slice(y, from, n);
                e.rows += n;
                if (loss != null) {
                    pred.logits(blk.features(), from, n, out);
                    truth.densify(null, 0, n, targets);
                    double l = loss.compute(out, targets, n, L, null, null);
                    e.lossSum += loss.reducer() == Reduction.MEAN ? l * n * L : l;
                    continue;
                }
                pred.scores(blk.features(), from, n, out);
                float[] scores = n * L == out.length ? out : java.util.Arrays.copyOf(out, n * L);
                SetMetrics.LabelCounts c = SetMetrics.perLabel(truth,
                        dev.fewhot.metrics.Predictions.of(scores, n, L, model.rule()));
                for (int j = 0; j < L; j++) {
                    e.tp[j] += c.tp()[j];
                    e.predicted[j] += c.predicted()[j];
                    e.actual[j] += c.actual()[j];
                }
                e.hitsAt1 += Math.round(TopKMetrics.precisionAtK(scores, truth, 1) * n);
                e.hitsAt5 += Math.round(TopKMetrics.precisionAtK(scores, truth, 5) * n * 5);
            }
            return e;
        }

        void add(Evaluation o) {
            for (int j = 0; j < tp.length; j++) {
                tp[j] += o.tp[j];
                predicted[j] += o.predicted[j];
                actual[j] += o.actual[j];
            }
            rows += o.rows;
            hitsAt1 += o.hitsAt1;
            hitsAt5 += o.hitsAt5;
            lossSum += o.lossSum;
        }

        SetMetrics.LabelCounts perLabel() { return new SetMetrics.LabelCounts(tp, predicted, actual); }

        double microF1() {
            long t = 0, p = 0, a = 0;
            for (int j = 0; j < tp.length; j++) {
                t += tp[j];
                p += predicted[j];
                a += actual[j];
            }
            return new SetMetrics.LabelCounts(new long[] {t}, new long[] {p}, new long[] {a}).f1(0);
        }

        double macroF1() {
            if (tp.length == 0) return 0;
            SetMetrics.LabelCounts c = perLabel();
            double s = 0;
            for (int j = 0; j < tp.length; j++) s += c.f1(j);
            return s / tp.length;
        }

        double precisionAt1() { return rows == 0 ? 0 : (double) hitsAt1 / rows; }

        double precisionAt5() { return rows == 0 ? 0 : (double) hitsAt5 / (5.0 * rows); }

        double loss(Loss loss) {
            return loss.reducer() == Reduction.MEAN ? (rows == 0 ? 0 : lossSum / ((double) rows * tp.length)) : lossSum;
        }

        double value(EarlyStopping.ValidationMetric m, Loss loss) {
            return switch (m) {
                case LOSS -> loss(loss);
                case MICRO_F1 -> microF1();
                case MACRO_F1 -> macroF1();
                case P_AT_1 -> precisionAt1();
                case P_AT_5 -> precisionAt5();
            };
        }
    }

    /** Rows [from, from + n) of label sets, ids and values shared. */
    static LabelSets slice(LabelSets y, int from, int n) {
        int[] ptr = y.indptr();
        if (from == 0 && n == y.rows()) return y;
        int base = ptr[from];
        int[] p = new int[n + 1];
        for (int i = 0; i <= n; i++) p[i] = ptr[from + i] - base;
        int[] ids = java.util.Arrays.copyOfRange(y.labels(), base, ptr[from + n]);
        float[] vals = y.values() == null ? null : java.util.Arrays.copyOfRange(y.values(), base, ptr[from + n]);
        return new LabelSets(n, y.numLabels(), p, ids, vals);
    }
}
