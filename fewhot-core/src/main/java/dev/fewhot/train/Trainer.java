package dev.fewhot.train;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.LabelSets;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.loss.Loss;
import dev.fewhot.metrics.Metrics;
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
 * {@link dev.fewhot.train.sampling.Sampler} (by default a shuffle seeded from (seed, epoch)), and dropout draws from (seed, epoch, batch): a run is a function of the seed and
 * the thread count, and a run can resume at any epoch boundary.
 */
public final class Trainer {
    private final TrainerConfig tc;
    private final ProgressListener progress;

    public Trainer(TrainerConfig config, ProgressListener progress) {
        this.tc = config;
        this.progress = progress == null ? ProgressListener.NONE : progress;
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
        return train(cfg, null, loss, train, valid, provenance);
    }

    /**
     * Trains a network that sees its inputs through {@code transform} (stored in the model).
     *
     * @param transform input transform applied to every row (training, validation and later
     *                  prediction), or null for the raw features
     */
    public TrainResult train(ModelConfig cfg, dev.fewhot.model.InputTransform transform, Loss loss, Dataset train, Dataset valid,
                             Map<String, String> provenance) {
        if (train.numFeatures() != cfg.inputDim()) {
            throw new IllegalArgumentException("train data has " + train.numFeatures() + " features, the model expects " + cfg.inputDim());
        }
        if (train.numLabels() != cfg.outputDim()) {
            throw new IllegalArgumentException("train data has " + train.numLabels() + " labels, the model expects " + cfg.outputDim());
        }
        if (train.rows() == 0) throw new IllegalArgumentException("train data has no rows");
        int n = train.rows(), L = cfg.outputDim(), bs = Math.min(tc.batchSize(), n);
        float[] params = initialParameters(cfg, train.labels(), tc.seed(), tc.outputBias());
        float[] grads = new float[params.length];
        Optimizer opt = Optimizer.create(tc.optimizer(), params.length, tc.threads());
        dev.fewhot.kernels.Gemm gemm = dev.fewhot.blas.Backends.select(tc.blas(), tc.threads(), bs, cfg.maxWidth(), cfg.inputDim());
        Network net = new Network(cfg, gemm, tc.threads());
        Batch batch = Batch.forFeatures(train.features(), transform);
        float[] targets = new float[bs * L];
        float[] dLogits = new float[bs * L];
        dev.fewhot.train.sampling.Sampler sampler = tc.sampler();
        int epochRows = sampler.epochSize(train.labels());
        if (epochRows < 1) throw new IllegalArgumentException("sampler " + sampler.describe() + " gives an empty epoch");
        int batchesPerEpoch = (epochRows + bs - 1) / bs;
        LrSchedule schedule = new LrSchedule(tc.lr(), tc.warmupSteps(), (long) batchesPerEpoch * tc.epochs(),
                tc.schedule() == TrainerConfig.Schedule.COSINE ? LrSchedule.Decay.COSINE : LrSchedule.Decay.CONSTANT, 0.0);

        List<Double> losses = new ArrayList<>(), vals = new ArrayList<>();
        float[] best = null;
        double bestVal = Double.NaN;
        int bestEpoch = 0, sinceBest = 0, epochsRun = 0;
        long step = 0, trainNanos = 0, samples = 0;
        for (int epoch = 0; epoch < tc.epochs(); epoch++) {
            int[] order = sampler.order(train.labels(), tc.seed(), epoch);
            if (order.length != epochRows) {
                throw new IllegalStateException("sampler " + sampler.describe() + " gave " + order.length
                        + " rows in epoch " + (epoch + 1) + ", expected " + epochRows);
            }
            double epochLoss = 0;
            long t0 = System.nanoTime();
            for (int b = 0; b < batchesPerEpoch; b++) {
                int from = b * bs, m = Math.min(bs, epochRows - from);
                batch.fill(train.features(), order, from, m);
                densifyTargets(train.labels(), order, from, m, targets);
                SplittableRandom drop = cfg.dropout() > 0 ? new SplittableRandom(mix(tc.seed(), epoch, b)) : null;
                float[] logits = net.forward(params, batch, drop);
                double l = loss.compute(logits, targets, m, L, dLogits, null);
                if (!Double.isFinite(l)) {
                    throw new IllegalStateException("loss became " + l + " at epoch " + (epoch + 1) + ", batch " + (b + 1)
                            + ": lower the learning rate (lr " + tc.lr() + ") or check the inputs for extreme values");
                }
                net.backward(params, batch, dLogits, grads);
                if (tc.gradClipNorm() > 0) clip(grads, tc.gradClipNorm());
                opt.step(params, grads, schedule.at(step++));
                epochLoss += l;
                samples += m;
                if ((b & 15) == 15 || b == batchesPerEpoch - 1) {
                    double sec = (trainNanos + System.nanoTime() - t0) / 1e9;
                    progress.batch(epoch + 1, b + 1, batchesPerEpoch, l, samples / Math.max(sec, 1e-9));
                }
            }
            trainNanos += System.nanoTime() - t0;
            epochsRun++;
            double meanLoss = epochLoss / batchesPerEpoch;
            losses.add(meanLoss);
            double v = Double.NaN;
            if (valid != null) {
                v = validate(cfg, transform, params, loss, valid);
                vals.add(v);
            }
            progress.epoch(epoch + 1, meanLoss, v);
            if (valid != null && tc.earlyStopping().enabled()) {
                boolean lower = tc.earlyStopping().metric() == EarlyStopping.ValidationMetric.LOSS;
                if (best == null || (lower ? v < bestVal : v > bestVal)) {
                    bestVal = v;
                    best = params.clone();
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                } else if (++sinceBest >= tc.earlyStopping().patience()) {
                    break;
                }
            }
        }
        float[] kept = best != null ? best : params;
        if (best == null) bestEpoch = epochsRun;
        Model model = new Model(cfg, 1, transform, kept, tc.seed(), train.labelNames(), new DecisionRule.Threshold(0.5), provenance,
                new dev.fewhot.model.TrainingPrior(train.rows(), train.labels().labelCounts()));
        double sec = trainNanos / 1e9;
        return new TrainResult(model, epochsRun, bestEpoch, losses.get(losses.size() - 1), losses, vals, sec, samples / Math.max(sec, 1e-9),
                gemm.name());
    }

    private double validate(ModelConfig cfg, dev.fewhot.model.InputTransform transform, float[] params, Loss loss, Dataset valid) {
        Model snapshot = new Model(cfg, 1, transform, params, tc.seed(), List.of(), new DecisionRule.Threshold(0.5), Map.of(), null);
        Predictor predictor = snapshot.predictor(tc.threads());
        int L = cfg.outputDim(), rows = valid.rows();
        EarlyStopping.ValidationMetric metric = tc.earlyStopping().metric();
        if (metric == EarlyStopping.ValidationMetric.LOSS) {
            float[] logits = new float[rows * L];
            predictor.logits(valid.features(), 0, rows, logits);
            float[] targets = new float[rows * L];
            valid.labels().densify(0, rows, targets);
            return loss.compute(logits, targets, rows, L, null, null);
        }
        float[] scores = predictor.scores(valid.features());
        return switch (metric) {
            case P_AT_1 -> Metrics.precisionAtK(scores, valid.labels(), 1);
            case P_AT_5 -> Metrics.precisionAtK(scores, valid.labels(), 5);
            case MICRO_F1 -> Metrics.microF1(valid.labels(), Predictions.of(scores, rows, L, new DecisionRule.Threshold(0.5)));
            default -> Metrics.macroF1(valid.labels(), Predictions.of(scores, rows, L, new DecisionRule.Threshold(0.5)));
        };
    }

    private static void densifyTargets(LabelSets y, int[] order, int from, int m, float[] out) {
        int L = y.numLabels();
        java.util.Arrays.fill(out, 0, m * L, 0f);
        int[] ptr = y.indptr(), ids = y.labels();
        float[] vals = y.values();
        for (int i = 0; i < m; i++) {
            int r = order[from + i], base = i * L;
            for (int k = ptr[r]; k < ptr[r + 1]; k++) out[base + ids[k]] = vals == null ? 1f : vals[k];
        }
    }

    private static void clip(float[] g, double maxNorm) {
        double s = 0;
        for (float v : g) s += (double) v * v;
        double norm = Math.sqrt(s);
        if (norm > maxNorm) {
            float f = (float) (maxNorm / (norm + 1e-6));
            for (int i = 0; i < g.length; i++) g[i] *= f;
        }
    }

    static long mix(long seed, int epoch, int batch) {
        return dev.fewhot.train.sampling.Seeds.mix(seed, epoch, batch);
    }
}
