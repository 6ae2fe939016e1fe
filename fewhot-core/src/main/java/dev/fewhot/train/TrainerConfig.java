package dev.fewhot.train;

import dev.fewhot.optim.OptimizerSettings;
import dev.fewhot.train.sampling.Sampler;

/**
 * Settings of a training run.
 *
 * @param epochs        passes over the training data, &gt;= 1
 * @param batchSize     rows per mini-batch, &gt;= 1
 * @param lr            peak learning rate, &gt; 0
 * @param warmupSteps   linear warm-up steps, &gt;= 0
 * @param schedule      learning-rate decay after warm-up
 * @param optimizer     optimiser settings
 * @param gradClipNorm  clip the global gradient norm to this value; 0 disables
 * @param seed          seed of initialisation, shuffling and dropout
 * @param threads       kernel threads, &gt;= 1
 * @param earlyStopping validation-based early stopping (used when validation data is given)
 * @param outputBias    how the output bias starts
 * @param blas          the GEMM back-end
 * @param sampler       each epoch's row order ({@link Sampler#shuffle()} by default)
 */
public record TrainerConfig(int epochs, int batchSize, double lr, long warmupSteps, Schedule schedule,
                            OptimizerSettings optimizer, double gradClipNorm, long seed, int threads,
                            EarlyStopping earlyStopping, OutputBiasInit outputBias,
                            dev.fewhot.blas.BlasChoice blas, Sampler sampler) {
    /** Learning-rate decay after warm-up. */
    public enum Schedule {
        CONSTANT, COSINE;

        /** The option value: {@code constant} or {@code cosine}. */
        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

        /** Parses {@link #id()} (any case). */
        public static Schedule fromId(String id) {
            String v = id == null ? "" : id.trim().toLowerCase(java.util.Locale.ROOT);
            for (Schedule s : values()) if (s.id().equals(v)) return s;
            throw new IllegalArgumentException("--schedule must be constant or cosine, got '" + id + "'");
        }
    }

    /**
     * Initial output bias: the log-odds of each label's training prior, or PyTorch's default
     * uniform init. {@link #forLoss} gives fewhot's default per loss: the prior for the BCE
     * family and focal losses (on the seed-shaped set it lifts BCE's test micro-F1 from 0.51 to
     * 0.63), uniform for ASL, whose clipped negative term has no gradient while every
     * probability sits below the clip margin (with the prior init PyTorch's own ASL run fell
     * from micro-F1 0.627 / macro-F1 0.342 to 0.567 / 0.272 on the same data).
     */
    public enum OutputBiasInit {
        PRIOR_LOG_ODDS, UNIFORM;

        /** The option value: {@code prior} or {@code uniform}. */
        public String id() { return this == PRIOR_LOG_ODDS ? "prior" : "uniform"; }

        /** Parses {@link #id()} (any case); {@code auto} is not a value (see {@link #forLoss}). */
        public static OutputBiasInit fromId(String id) {
            String v = id == null ? "" : id.trim().toLowerCase(java.util.Locale.ROOT);
            for (OutputBiasInit b : values()) if (b.id().equals(v)) return b;
            throw new IllegalArgumentException("--output-bias must be auto, prior or uniform, got '" + id + "'");
        }

        /** fewhot's default for a loss (see the enum comment). */
        public static OutputBiasInit forLoss(dev.fewhot.loss.LossKind kind) {
            return kind == dev.fewhot.loss.LossKind.ASL ? UNIFORM : PRIOR_LOG_ODDS;
        }
    }

    public TrainerConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batchSize);
        if (!(lr > 0 && Double.isFinite(lr))) throw new IllegalArgumentException("lr must be finite and > 0, got " + lr);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        if (schedule == null || optimizer == null || earlyStopping == null || outputBias == null || blas == null) {
            throw new IllegalArgumentException("schedule, optimizer, earlyStopping, outputBias and blas must be set");
        }
        if (!(gradClipNorm >= 0 && Double.isFinite(gradClipNorm))) {
            throw new IllegalArgumentException("gradClipNorm must be finite and >= 0, got " + gradClipNorm);
        }
        if (sampler == null) throw new IllegalArgumentException("sampler must be set (Sampler.shuffle() is the default)");
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }

    /**
     * The settings as strings by name ({@link #fromSettings} reads them back): epochs, batch, lr,
     * warmup, schedule, optimizer, beta1, beta2, eps, weight_decay, momentum, grad_clip, seed,
     * threads, early_stopping, patience, output_bias, blas, sampler. Checkpoints store them;
     * resume compares the typed settings they parse into.
     */
    public java.util.Map<String, String> toSettings() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("epochs", String.valueOf(epochs));
        m.put("batch", String.valueOf(batchSize));
        m.put("lr", String.valueOf(lr));
        m.put("warmup", String.valueOf(warmupSteps));
        m.put("schedule", schedule.id());
        m.put("optimizer", optimizer.kind().id());
        m.put("beta1", String.valueOf(optimizer.beta1()));
        m.put("beta2", String.valueOf(optimizer.beta2()));
        m.put("eps", String.valueOf(optimizer.eps()));
        m.put("weight_decay", String.valueOf(optimizer.weightDecay()));
        m.put("momentum", String.valueOf(optimizer.momentum()));
        m.put("grad_clip", String.valueOf(gradClipNorm));
        m.put("seed", String.valueOf(seed));
        m.put("threads", String.valueOf(threads));
        m.put("early_stopping", earlyStopping.metric().id());
        m.put("patience", String.valueOf(earlyStopping.patience()));
        if (earlyStopping.minSteps() > 0) m.put("min_steps", String.valueOf(earlyStopping.minSteps()));
        m.put("output_bias", outputBias.id());
        m.put("blas", blas.id());
        m.put("sampler", sampler.describe());
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Reads {@link #toSettings()}; a missing or malformed entry is an IllegalArgumentException naming it. */
    public static TrainerConfig fromSettings(java.util.Map<String, String> m) {
        OptimizerSettings o = new OptimizerSettings(OptimizerSettings.Kind.fromId(dev.fewhot.model.Settings.get(m, "optimizer")),
                dev.fewhot.model.Settings.real(m, "beta1"), dev.fewhot.model.Settings.real(m, "beta2"),
                dev.fewhot.model.Settings.real(m, "eps"), dev.fewhot.model.Settings.real(m, "weight_decay"),
                dev.fewhot.model.Settings.real(m, "momentum"));
        return new TrainerConfig(dev.fewhot.model.Settings.integer(m, "epochs"), dev.fewhot.model.Settings.integer(m, "batch"),
                dev.fewhot.model.Settings.real(m, "lr"), dev.fewhot.model.Settings.longInteger(m, "warmup"),
                Schedule.fromId(dev.fewhot.model.Settings.get(m, "schedule")), o, dev.fewhot.model.Settings.real(m, "grad_clip"),
                dev.fewhot.model.Settings.longInteger(m, "seed"), dev.fewhot.model.Settings.integer(m, "threads"),
                new EarlyStopping(EarlyStopping.ValidationMetric.fromId(dev.fewhot.model.Settings.get(m, "early_stopping")),
                        dev.fewhot.model.Settings.integer(m, "patience"),
                        m.containsKey("min_steps") ? dev.fewhot.model.Settings.longInteger(m, "min_steps") : 0),
                OutputBiasInit.fromId(dev.fewhot.model.Settings.get(m, "output_bias")),
                dev.fewhot.blas.BlasChoice.fromId(dev.fewhot.model.Settings.get(m, "blas")),
                Sampler.parse(dev.fewhot.model.Settings.get(m, "sampler")));
    }

    /** 5 epochs, batch 256, Adam lr 1e-3, constant rate, no clipping, prior bias init, all cores, the Java GEMM. */
    public static TrainerConfig defaults() {
        return new TrainerConfig(5, 256, 1e-3, 0, Schedule.CONSTANT, OptimizerSettings.adam(), 0.0, 0L,
                Runtime.getRuntime().availableProcessors(), EarlyStopping.off(), OutputBiasInit.PRIOR_LOG_ODDS, dev.fewhot.blas.BlasChoice.JAVA, Sampler.shuffle());
    }

    public TrainerConfig withEpochs(int e) {
        return new TrainerConfig(e, batchSize, lr, warmupSteps, schedule, optimizer, gradClipNorm, seed, threads, earlyStopping, outputBias, blas, sampler);
    }

    public TrainerConfig withThreads(int t) {
        return new TrainerConfig(epochs, batchSize, lr, warmupSteps, schedule, optimizer, gradClipNorm, seed, t, earlyStopping, outputBias, blas, sampler);
    }

    public TrainerConfig withSeed(long s) {
        return new TrainerConfig(epochs, batchSize, lr, warmupSteps, schedule, optimizer, gradClipNorm, s, threads, earlyStopping, outputBias, blas, sampler);
    }

    public TrainerConfig withBatch(int b) {
        return new TrainerConfig(epochs, b, lr, warmupSteps, schedule, optimizer, gradClipNorm, seed, threads, earlyStopping, outputBias, blas, sampler);
    }

    public TrainerConfig withSchedule(Schedule sc, long warmup) {
        return new TrainerConfig(epochs, batchSize, lr, warmup, sc, optimizer, gradClipNorm, seed, threads, earlyStopping, outputBias, blas, sampler);
    }

    public TrainerConfig withOutputBias(OutputBiasInit b) {
        return new TrainerConfig(epochs, batchSize, lr, warmupSteps, schedule, optimizer, gradClipNorm, seed, threads, earlyStopping, b, blas, sampler);
    }

    public TrainerConfig withBlas(dev.fewhot.blas.BlasChoice b) {
        return new TrainerConfig(epochs, batchSize, lr, warmupSteps, schedule, optimizer, gradClipNorm, seed, threads, earlyStopping, outputBias, b, sampler);
    }

    public TrainerConfig withLr(double rate) {
        return new TrainerConfig(epochs, batchSize, rate, warmupSteps, schedule, optimizer, gradClipNorm, seed, threads, earlyStopping, outputBias, blas, sampler);
    }

    /** A copy with another epoch order, e.g. {@code new LabelAwareSampler(0)}. */
    public TrainerConfig withSampler(Sampler s) {
        return new TrainerConfig(epochs, batchSize, lr, warmupSteps, schedule, optimizer, gradClipNorm, seed, threads, earlyStopping, outputBias, blas, s);
    }
}
