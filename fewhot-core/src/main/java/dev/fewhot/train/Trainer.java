package dev.fewhot.train;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.loss.Loss;
import dev.fewhot.metrics.Average;
import dev.fewhot.metrics.SetMetrics;
import dev.fewhot.metrics.TopKMetrics;
import dev.fewhot.metrics.Predictions;
import dev.fewhot.model.Batch;
import dev.fewhot.model.Model;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.model.Network;
import dev.fewhot.model.Predictor;
import dev.fewhot.optim.LrSchedule;
import dev.fewhot.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link ModelConfig} network with a {@link Loss} by mini-batch gradient descent.
 *
 * <p>Initialisation follows PyTorch's {@code nn.Linear} (weights and biases uniform in
 * ±1/sqrt(fan_in)); by default the output bias starts at the log-odds of each label's training
 * prior, {@code log((n_j + 0.5) / (N - n_j + 0.5))}, so that the first steps do not spend
 * themselves learning the base rates. Each epoch visits the rows in the order of the configured
 * {@link dev.fewhot.train.sampling.Sampler} (by default a shuffle seeded from (seed, epoch)), and
 * dropout draws from (seed, epoch, batch): a run is a function of the seed and the thread count,
 * and a run can resume at any batch from a {@link TrainingState} (see {@link Checkpointing}).
 */
public final class Trainer {
    private final TrainerConfig tc;
    private final TrainingListener progress;

    /**
     * @param config   the training settings
     * @param listener receives batch and epoch events, early stopping and checkpoints (null: none)
     */
    public Trainer(TrainerConfig config, TrainingListener listener) {
        dev.fewhot.kernels.VectorSupport.check(); // no Vector API: one line naming the JVM flag, not NoClassDefFoundError
        this.tc = config;
        this.progress = listener == null ? TrainingListener.NONE : listener;
    }

    /** Initial parameters for a configuration and training labels. */
    public static float[] initialParameters(ModelConfig cfg, LabelSets y, long seed, TrainerConfig.OutputBiasInit bias) {
        float[] p = new float[cfg.parameterCount()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < cfg.layers(); i++) {
            double bound = 1.0 / Math.sqrt(cfg.in(i));
            int w0 = cfg.weightOffset(i), b0 = cfg.biasOffset(i), end = b0 + cfg.out(i);
            for (int k = w0; k < end; k++) p[k] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        if (bias == TrainerConfig.OutputBiasInit.PRIOR_LOG_ODDS && y != null && y.rows() > 0) {
            int[] counts = y.labelCounts();
            int b0 = cfg.biasOffset(cfg.layers() - 1);
            double n = y.rows();
            for (int j = 0; j < cfg.outputDim(); j++) {
                p[b0 + j] = (float) Math.log((counts[j] + 0.5) / (n - counts[j] + 0.5));
            }
        }
        return p;
    }

    /**
     * Trains.
     *
     * @param cfg        the architecture (its input and output sizes must match the data)
     * @param loss       the loss
     * @param train      training data
     * @param valid      validation data, or null
     * @param provenance facts to store in the model (loss name, ...)
     */
    public TrainResult train(ModelConfig cfg, Loss loss, Dataset train, Dataset valid, Map<String, String> provenance) {
        return train(cfg, null, loss, train, valid, provenance, Checkpointing.NONE);
    }

    /** Trains with checkpoints and/or from a checkpoint, on the raw features. */
    public TrainResult train(ModelConfig cfg, Loss loss, Dataset train, Dataset valid, Map<String, String> provenance,
                             Checkpointing ck) {
        return train(cfg, null, loss, train, valid, provenance, ck);
    }

    /** Trains a network that sees its inputs through {@code transform}, without checkpoints. */
    public TrainResult train(ModelConfig cfg, dev.fewhot.model.InputTransform transform, Loss loss, Dataset train,
                             Dataset valid, Map<String, String> provenance) {
        return train(cfg, transform, loss, train, valid, provenance, Checkpointing.NONE);
    }

    /**
     * Trains, with checkpoints and/or from a checkpoint. A resumed run computes bit for bit what
     * the uninterrupted run would have (same seed, threads and options): its model is identical.
     *
     * @param transform input transform applied to every row (training, validation and later
     *                  prediction), or null for the raw features
     * @param ck        checkpoint settings ({@link Checkpointing#NONE}: none)
     * @throws IllegalArgumentException when the state to resume from was written for another
     *                                  architecture, other settings or other data
     * @throws TrainingDivergedException when the loss or the gradient norm becomes NaN or infinite
     * @throws java.io.UncheckedIOException when the checkpoint sink fails
     */
    public TrainResult train(ModelConfig cfg, dev.fewhot.model.InputTransform transform, Loss loss, Dataset train,
                             Dataset valid, Map<String, String> provenance, Checkpointing ck) {
        return run(cfg, transform, loss, train, valid, provenance, ck, tc.epochs());
    }

    /**
     * Refits: trains from scratch on {@code train} (typically the training and validation rows
     * together) without validation, for the first {@code epochs} epochs of this configuration's
     * run. Everything else is the configured run's: the seed (initialisation, epoch orders,
     * dropout), and the learning-rate schedule, which still spans {@link TrainerConfig#epochs()}
     * epochs (a cosine decay is not compressed into the shorter run). Used after early stopping
     * found the best epoch on a validation split, so that the final network also learns from the
     * validation rows.
     *
     * @param epochs epochs to run, in 1..{@link TrainerConfig#epochs()}
     */
    public TrainResult refit(ModelConfig cfg, dev.fewhot.model.InputTransform transform, Loss loss, Dataset train,
                             int epochs, Map<String, String> provenance) {
        if (epochs < 1 || epochs > tc.epochs()) {
            throw new IllegalArgumentException("refit epochs must be in 1.." + tc.epochs() + ", got " + epochs);
        }
        return run(cfg, transform, loss, train, null, provenance, Checkpointing.NONE, epochs);
    }

    private TrainResult run(ModelConfig cfg, dev.fewhot.model.InputTransform transform, Loss loss, Dataset train,
                            Dataset valid, Map<String, String> provenance, Checkpointing ck, int stopAfter) {
        if (train.numFeatures() != cfg.inputDim()) {
            throw new IllegalArgumentException("train data has " + train.numFeatures() + " features, the model expects " + cfg.inputDim());
        }
        if (train.numLabels() != cfg.outputDim()) {
            throw new IllegalArgumentException("train data has " + train.numLabels() + " labels, the model expects " + cfg.outputDim());
        }
        if (train.rows() == 0) throw new IllegalArgumentException("train data has no rows");
        if (ck == null) ck = Checkpointing.NONE;
        Map<String, String> prov = provenance == null ? Map.of() : provenance;
        int n = train.rows(), L = cfg.outputDim(), bs = Math.min(tc.batchSize(), n);
        float[] params = initialParameters(cfg, train.labels(), tc.seed(), tc.outputBias());
        float[] grads = new float[params.length];
        Optimizer opt = Optimizer.create(tc.optimizer(), params.length, tc.threads());
        int[] widths = new int[cfg.layers() + 1];
        widths[0] = cfg.inputDim();
        for (int l = 0; l < cfg.layers(); l++) widths[l + 1] = cfg.out(l);
        Batch batch = Batch.forFeatures(train.features(), transform);
        dev.fewhot.blas.Backends.Selection backend = dev.fewhot.blas.Backends.choose(tc.blas(), tc.threads(), bs, widths,
                batch.isSparse());
        dev.fewhot.kernels.Gemm gemm = backend.gemm();
        Network net = new Network(cfg, gemm, tc.threads());
        float[] targets = new float[bs * L];
        float[] dLogits = new float[bs * L];
        dev.fewhot.train.sampling.Sampler sampler = tc.sampler();
        int epochRows = sampler.epochSize(train.labels());
        if (epochRows < 1) throw new IllegalArgumentException("sampler " + sampler.describe() + " gives an empty epoch");
        int batchesPerEpoch = (epochRows + bs - 1) / bs;
        LrSchedule schedule = new LrSchedule(tc.lr(), tc.warmupSteps(), (long) batchesPerEpoch * tc.epochs(),
                tc.schedule() == TrainerConfig.Schedule.COSINE ? LrSchedule.Decay.COSINE : LrSchedule.Decay.CONSTANT, 0.0);
        DataFingerprint trainFp = ck.sink() != null || ck.resumeFrom() != null ? DataFingerprint.of(train) : null;
        DataFingerprint validFp = valid != null && trainFp != null ? DataFingerprint.of(valid) : null;
        float[] validTargets = valid == null ? null : denseTargets(valid);

        List<Double> losses = new ArrayList<>(), vals = new ArrayList<>();
        float[] best = null;
        double bestVal = Double.NaN, bestLoss = Double.NaN;
        int bestEpoch = 0, sinceBest = 0, epochsRun = 0;
        long step = 0, trainNanos = 0, samples = 0;
        List<Double> epochRates = new ArrayList<>();
        int startEpoch = 0, startBatch = 0;
        double startLossSum = 0;
        boolean done = false;
        TrainingState r = ck.resumeFrom();
        if (r != null) {
            checkResumable(r, cfg, prov, gemm.name(), trainFp, validFp, batchesPerEpoch);
            System.arraycopy(r.params(), 0, params, 0, params.length);
            opt.restore(r.optimizerSteps(), r.optimizerState());
            losses.addAll(r.epochLosses());
            vals.addAll(r.validation());
            best = r.best() == null ? null : r.best().clone();
            bestVal = r.bestValue();
            bestLoss = r.bestLoss();
            bestEpoch = r.bestEpoch();
            sinceBest = r.sinceBest();
            epochsRun = r.epochsRun();
            step = r.step();
            samples = r.samples();
            startEpoch = r.epoch();
            startBatch = r.batch();
            startLossSum = r.epochLossSum();
            done = r.done();
        }
        for (int epoch = startEpoch; !done && epoch < stopAfter; epoch++) {
            // regenerated from (seed, epoch), so a resumed run visits the same rows
            int[] order = sampler.order(train.labels(), tc.seed(), epoch);
            if (order.length != epochRows) {
                throw new IllegalStateException("sampler " + sampler.describe() + " gave " + order.length
                        + " rows in epoch " + (epoch + 1) + ", expected " + epochRows);
            }
            int firstBatch = epoch == startEpoch ? startBatch : 0;
            double epochLoss = epoch == startEpoch ? startLossSum : 0;
            long t0 = System.nanoTime(), samples0 = samples;
            for (int b = firstBatch; b < batchesPerEpoch; b++) {
                int from = b * bs, m = Math.min(bs, epochRows - from);
                assemble(batch, train, order, from, m, targets, tc.threads());
                SplittableRandom drop = cfg.dropout() > 0 ? new SplittableRandom(mix(tc.seed(), epoch, b)) : null;
                float[] logits = net.forward(params, batch, drop);
                double l = loss.compute(logits, targets, m, L, dLogits, null, tc.threads());
                if (!Double.isFinite(l)) {
                    throw new TrainingDivergedException("loss became " + l + " at epoch " + (epoch + 1) + ", batch " + (b + 1)
                            + ": lower the learning rate (lr " + tc.lr() + ") or check the inputs for extreme values", epoch + 1, b + 1);
                }
                net.backward(params, batch, dLogits, grads);
                BatchGradient.update(params, grads, opt, schedule.at(step++), tc.gradClipNorm(), epoch + 1, b + 1);
                epochLoss += l;
                samples += m;
                if ((b & 15) == 15 || b == batchesPerEpoch - 1) {
                    double sec = (trainNanos + System.nanoTime() - t0) / 1e9;
                    progress.batchEnded(epoch + 1, b + 1, batchesPerEpoch, l, samples / Math.max(sec, 1e-9));
                }
                if (ck.sink() != null && ck.everyBatches() > 0 && step % ck.everyBatches() == 0 && b + 1 < batchesPerEpoch) {
                    save(ck, state(cfg, prov, gemm.name(), trainFp, validFp, epoch, b + 1, step, false, epochLoss, samples,
                            epochsRun, losses, vals, bestVal, bestLoss, bestEpoch, sinceBest, params, best, opt));
                    progress.checkpointSaved(epoch, b + 1);
                }
            }
            long epochNanos = System.nanoTime() - t0;
            trainNanos += epochNanos;
            epochRates.add((samples - samples0) / Math.max(epochNanos / 1e9, 1e-9));
            epochsRun++;
            double meanLoss = epochLoss / batchesPerEpoch;
            losses.add(meanLoss);
            Validation v = valid == null ? null : validate(cfg, transform, params, loss, valid, validTargets);
            if (v != null) vals.add(v.value());
            progress.epochEnded(epoch + 1, meanLoss, v == null ? Double.NaN : v.value());
            if (v != null && tc.earlyStopping().enabled()) {
                if (best == null || v.improves(tc.earlyStopping().metric(), bestVal, bestLoss)) {
                    bestVal = v.value();
                    bestLoss = v.loss();
                    best = params.clone();
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                } else if (++sinceBest >= tc.earlyStopping().patience() && step >= tc.earlyStopping().minSteps()) {
                    done = true;
                    if (epoch + 1 < stopAfter) progress.earlyStopped(epoch + 1, bestEpoch, bestVal);
                }
            }
            if (epoch + 1 == stopAfter) done = true;
            if (ck.sink() != null) {
                save(ck, state(cfg, prov, gemm.name(), trainFp, validFp, epoch + 1, 0, step, done, 0.0, samples,
                        epochsRun, losses, vals, bestVal, bestLoss, bestEpoch, sinceBest, params, best, opt));
                progress.checkpointSaved(epoch + 1, 0);
            }
        }
        float[] kept = best != null ? best : params;
        if (best == null) bestEpoch = epochsRun;
        // the model records the back-end and kernel it was trained with (the checkpoints' provenance stays the caller's)
        Map<String, String> modelProv = new java.util.LinkedHashMap<>(prov);
        backend.facts().forEach(modelProv::putIfAbsent);
        Model model = new Model(cfg, 1, transform, kept, tc.seed(), train.labelNames(), new DecisionRule.Threshold(0.5), modelProv,
                new dev.fewhot.model.TrainingPrior(train.rows(), train.labels().labelCounts()));
        double sec = trainNanos / 1e9;
        return new TrainResult(model, epochsRun, bestEpoch, losses.get(losses.size() - 1), losses, vals, sec, samples / Math.max(sec, 1e-9),
                gemm.name(), epochRates, backend.facts());
    }

    private TrainingState state(ModelConfig cfg, Map<String, String> prov, String gemm, DataFingerprint trainFp,
                                DataFingerprint validFp, int epoch, int batch, long step, boolean done, double lossSum,
                                long samples, int epochsRun, List<Double> losses, List<Double> vals, double bestVal,
                                double bestLoss, int bestEpoch, int sinceBest, float[] params, float[] best, Optimizer opt) {
        List<float[]> os = new ArrayList<>();
        for (float[] a : opt.state()) os.add(a.clone());
        return new TrainingState(cfg, tc, prov, gemm, trainFp, validFp, epoch, batch, step, done,
                lossSum, samples, epochsRun, losses, vals, bestVal, bestLoss, bestEpoch, sinceBest, params.clone(),
                best == null ? null : best.clone(), tc.optimizer().kind().name(), opt.steps(), os);
    }

    /**
     * The step's input rows and dense targets, two independent copies: on two threads at once when
     * the training has two. The linear ASL model on the 50,000 x 256 benchmark file, 2 threads,
     * held to AVX2 (Intel Xeon): 70 us for the rows and 40 us for the targets a step one after the
     * other, 7.5% of the step; 4.5-5.2 ms every 64 steps at once against 7.4-8.5 (two runs each).
     */
    private static void assemble(Batch batch, Dataset train, int[] order, int from, int m, float[] targets, int threads) {
        if (threads < 2) {
            batch.fill(train.features(), order, from, m);
            train.labels().densify(order, from, m, targets);
            return;
        }
        dev.fewhot.kernels.KernelPool.common().invoke(part -> {
            if (part == 0) batch.fill(train.features(), order, from, m);
            else train.labels().densify(order, from, m, targets);
        }, 2);
    }

    private static void save(Checkpointing ck, TrainingState s) {
        try {
            ck.sink().save(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void checkResumable(TrainingState r, ModelConfig cfg, Map<String, String> prov, String gemm,
                                DataFingerprint trainFp, DataFingerprint validFp, int batchesPerEpoch) {
        String why = null;
        if (!r.modelConfig().equals(cfg)) {
            why = "the architecture differs: " + dev.fewhot.model.Settings.diff(r.modelConfig().toSettings(), cfg.toSettings(),
                    "checkpoint", "this run");
        } else if (!r.trainerConfig().equals(tc)) {
            String d = dev.fewhot.model.Settings.diff(r.trainerConfig().toSettings(), tc.toSettings(), "checkpoint", "this run");
            why = "the training options differ: " + (d.isEmpty() ? r.trainerConfig() + " vs " + tc : d);
        } else if (!r.provenance().equals(Map.copyOf(prov))) {
            why = "the loss or data file differ: checkpoint " + new java.util.TreeMap<>(r.provenance()) + ", this run "
                    + new java.util.TreeMap<>(prov);
        } else if (!r.trainData().equals(trainFp)) {
            why = "the training data differ: checkpoint " + r.trainData().describe() + ", this data " + trainFp.describe();
        } else if (!java.util.Objects.equals(r.validData(), validFp)) {
            why = "the validation data differ: checkpoint " + (r.validData() == null ? "none" : r.validData().describe())
                    + ", this run " + (validFp == null ? "none" : validFp.describe());
        } else if (!r.gemm().equals(gemm)) {
            why = "the GEMM back-end differs: checkpoint " + r.gemm() + ", this run " + gemm + " (use --blas java)";
        } else if (!r.optimizer().equals(tc.optimizer().kind().name())) {
            why = "the optimiser differs: checkpoint " + r.optimizer() + ", this run " + tc.optimizer().kind();
        } else if (r.params().length != cfg.parameterCount() || (r.best() != null && r.best().length != cfg.parameterCount())) {
            why = "the checkpoint holds " + r.params().length + " parameters, the architecture needs " + cfg.parameterCount();
        } else if (r.epoch() < 0 || r.epoch() > tc.epochs() || r.batch() < 0 || r.batch() >= batchesPerEpoch
                || (r.epoch() == tc.epochs() && (r.batch() != 0 || !r.done()))) {
            why = "position epoch " + r.epoch() + ", batch " + r.batch() + " is outside the run (" + tc.epochs() + " epochs of "
                    + batchesPerEpoch + " batches)";
        } else if (r.epochLosses().size() != r.epochsRun() || r.epochsRun() != r.epoch()) {
            why = "inconsistent state: " + r.epochsRun() + " epochs run, " + r.epochLosses().size() + " epoch losses, at epoch " + r.epoch();
        }
        if (why != null) throw new IllegalArgumentException("cannot resume from the checkpoint: " + why);
    }

    /**
     * An epoch's validation: the watched measure and the validation loss. An epoch improves on
     * the best when its measure is better, or equal and its loss lower: a measure over a few
     * dozen rows (P@1 of 74 rows has 75 values) often reaches its best early and stays there,
     * and without the tie-breaker the first epoch to reach it was kept (genbase: P@1 1.0 from
     * epoch 4, scores still far from separated; docs/recipe-small-data.md).
     */
    record Validation(double value, double loss) {
        boolean improves(EarlyStopping.ValidationMetric metric, double bestValue, double bestLoss) {
            if (metric.lowerIsBetter()) return value < bestValue;
            return value > bestValue || (value == bestValue && loss < bestLoss);
        }
    }

    /** The validation labels as the loss takes them (rows x labels, 0/1), made once a run. */
    private static float[] denseTargets(Dataset valid) {
        float[] targets = new float[Math.multiplyExact(valid.rows(), valid.numLabels())];
        valid.labels().densify(null, 0, valid.rows(), targets);
        return targets;
    }

    private Validation validate(ModelConfig cfg, dev.fewhot.model.InputTransform transform, float[] params, Loss loss, Dataset valid,
                                float[] targets) {
        Model snapshot = new Model(cfg, 1, transform, params, tc.seed(), List.of(), new DecisionRule.Threshold(0.5), Map.of(), null);
        Predictor predictor = snapshot.predictor(tc.threads());
        int L = cfg.outputDim(), rows = valid.rows();
        float[] logits = new float[rows * L];
        predictor.logits(valid.features(), 0, rows, logits);
        double lossValue = loss.compute(logits, targets, rows, L, null, null);
        EarlyStopping.ValidationMetric metric = tc.earlyStopping().metric();
        if (metric == EarlyStopping.ValidationMetric.LOSS) return new Validation(lossValue, lossValue);
        float[] scores = logits; // the probabilities in place, as Predictor.scores computes them
        for (int i = 0; i < scores.length; i++) scores[i] = Predictor.sigmoid(logits[i]);
        double value = switch (metric) {
            case P_AT_1 -> TopKMetrics.precisionAtK(scores, valid.labels(), 1);
            case P_AT_5 -> TopKMetrics.precisionAtK(scores, valid.labels(), 5);
            case MICRO_F1 -> SetMetrics.f1(valid.labels(), Predictions.of(scores, rows, L, new DecisionRule.Threshold(0.5)), Average.MICRO);
            default -> SetMetrics.f1(valid.labels(), Predictions.of(scores, rows, L, new DecisionRule.Threshold(0.5)), Average.MACRO);
        };
        return new Validation(value, lossValue);
    }

    static long mix(long seed, int epoch, int batch) {
        return dev.fewhot.train.sampling.Seeds.mix(seed, epoch, batch);
    }
}
