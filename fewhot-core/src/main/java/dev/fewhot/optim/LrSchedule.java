package dev.fewhot.optim;

/**
 * Learning rate per step: linear warm-up from 0 over {@code warmupSteps}, then constant or a
 * cosine decay to {@code base * minFactor} at {@code totalSteps}.
 *
 * @param base        peak learning rate, &gt; 0
 * @param warmupSteps warm-up steps, &gt;= 0
 * @param totalSteps  total steps of the run (for the cosine), &gt;= 1
 * @param decay       CONSTANT or COSINE after warm-up
 * @param minFactor   final rate as a share of base, in [0, 1]
 */
public record LrSchedule(double base, long warmupSteps, long totalSteps, Decay decay, double minFactor) {
    /** What happens after warm-up. */
    public enum Decay { CONSTANT, COSINE }

    public LrSchedule {
        if (!(base > 0 && Double.isFinite(base))) throw new IllegalArgumentException("lr must be finite and > 0, got " + base);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        if (totalSteps < 1) throw new IllegalArgumentException("totalSteps must be >= 1, got " + totalSteps);
        if (decay == null) throw new IllegalArgumentException("decay must be set");
        if (!(minFactor >= 0 && minFactor <= 1)) throw new IllegalArgumentException("minFactor must be in [0, 1], got " + minFactor);
    }

    /** A constant rate. */
    public static LrSchedule constant(double lr) {
        return new LrSchedule(lr, 0, 1, Decay.CONSTANT, 1.0);
    }

    /** The rate at 0-based step {@code step}. */
    public double at(long step) {
        if (step < warmupSteps) return base * (step + 1) / (warmupSteps + 1);
        if (decay == Decay.CONSTANT) return base;
        long span = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / span);
        double cos = 0.5 * (1 + Math.cos(Math.PI * progress));
        return base * (minFactor + (1 - minFactor) * cos);
    }
}
