package dev.fewhot.train.sampling;

import dev.fewhot.data.LabelSets;
import java.util.SplittableRandom;

/**
 * Every row once per epoch, in a Fisher-Yates permutation drawn from
 * {@code SplittableRandom(Seeds.mix(seed, epoch, -1))}: fewhot's default order.
 */
public final class ShuffleSampler implements Sampler {
    static final ShuffleSampler INSTANCE = new ShuffleSampler();

    private ShuffleSampler() { }

    @Override
    public int[] order(LabelSets labels, long seed, int epoch) {
        int n = labels.rows();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom shuffle = new SplittableRandom(Seeds.mix(seed, epoch, -1));
        for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i]; order[i] = order[j]; order[j] = t;
        }
        return order;
    }

    @Override
    public String describe() {
        return "shuffle";
    }

    @Override
    public String toString() {
        return "ShuffleSampler";
    }
}
