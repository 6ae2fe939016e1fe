package dev.fewhot.data.synth;

/**
 * Settings of the seed-shaped generator {@link FewHotGenerator}. Validated on construction;
 * {@link #defaults()} gives the seed's shape: 512 labels, 256 dense features, 1 + Poisson(4)
 * positives per row (mean 5, at most 15), Zipf-Mandelbrot popularity with exponent 1 and
 * offset 4, 50,000 train and 10,000 test rows.
 *
 * @param labels      size of the label space L
 * @param features    feature dimension D
 * @param trainRows   rows of the train split
 * @param testRows    rows of the test split
 * @param lambda      positives per row are min(1 + Poisson(lambda), maxPositives)
 * @param maxPositives cap on positives per row
 * @param zipfExponent Zipf-Mandelbrot exponent a: popularity of label j is (j + 1 + offset)^-a
 * @param zipfOffset  Zipf-Mandelbrot offset q (flattens the head)
 * @param linearAmp   amplitude of the linearly visible label prototypes
 * @param nonlinearAmp amplitude of the sign-ambiguous prototypes (visible only non-linearly)
 * @param noise       standard deviation of the Gaussian noise added before tanh
 * @param decimals    decimals kept per feature value (the file's precision)
 * @param seed        the random seed; same seed, same files
 */
public record FewHotSettings(int labels, int features, int trainRows, int testRows, double lambda,
                             int maxPositives, double zipfExponent, double zipfOffset, double linearAmp,
                             double nonlinearAmp, double noise, int decimals, long seed) {
    public FewHotSettings {
        positive("labels", labels);
        positive("features", features);
        if (trainRows < 0) throw new IllegalArgumentException("trainRows must be >= 0, got " + trainRows);
        if (testRows < 0) throw new IllegalArgumentException("testRows must be >= 0, got " + testRows);
        if (!(lambda >= 0 && lambda <= 500)) throw new IllegalArgumentException("lambda must be in [0, 500], got " + lambda);
        positive("maxPositives", maxPositives);
        if (!(zipfExponent >= 0 && Double.isFinite(zipfExponent))) {
            throw new IllegalArgumentException("zipfExponent must be finite and >= 0, got " + zipfExponent);
        }
        if (!(zipfOffset > -1 && Double.isFinite(zipfOffset))) {
            throw new IllegalArgumentException("zipfOffset must be finite and > -1, got " + zipfOffset);
        }
        nonNegative("linearAmp", linearAmp);
        nonNegative("nonlinearAmp", nonlinearAmp);
        nonNegative("noise", noise);
        if (decimals < 1 || decimals > 9) throw new IllegalArgumentException("decimals must be in [1, 9], got " + decimals);
    }

    /** The seed's shape (see the class comment), seed 20240601. */
    public static FewHotSettings defaults() {
        return new FewHotSettings(512, 256, 50_000, 10_000, 4.0, 15, 1.0, 4.0, 0.08, 0.16, 0.6, 4, 20240601L);
    }

    /** A copy with other row counts. */
    public FewHotSettings withRows(int train, int test) {
        return new FewHotSettings(labels, features, train, test, lambda, maxPositives, zipfExponent, zipfOffset,
                linearAmp, nonlinearAmp, noise, decimals, seed);
    }

    /** A copy with another seed. */
    public FewHotSettings withSeed(long newSeed) {
        return new FewHotSettings(labels, features, trainRows, testRows, lambda, maxPositives, zipfExponent,
                zipfOffset, linearAmp, nonlinearAmp, noise, decimals, newSeed);
    }

    /** A copy with another label count and feature dimension. */
    public FewHotSettings withShape(int newLabels, int newFeatures) {
        return new FewHotSettings(newLabels, newFeatures, trainRows, testRows, lambda, maxPositives, zipfExponent,
                zipfOffset, linearAmp, nonlinearAmp, noise, decimals, seed);
    }

    private static void positive(String name, int v) {
        if (v <= 0) throw new IllegalArgumentException(name + " must be > 0, got " + v);
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0 && Double.isFinite(v))) throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
    }
}
