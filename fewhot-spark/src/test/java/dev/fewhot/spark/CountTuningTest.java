package dev.fewhot.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.data.synth.FewHotSettings;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.decide.ScoreHistograms;
import dev.fewhot.metrics.Average;
import dev.fewhot.metrics.Predictions;
import dev.fewhot.metrics.SetMetrics;
import dev.fewhot.model.Model;
import dev.fewhot.train.ThresholdStrategy;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tuning from aggregated histograms on the cluster chooses the rule the library's tuning
 * chooses from the scores on one machine: the same top-k, global and PCut thresholds within one
 * bin, per-label thresholds mostly within one bin (32 of 40 here); every rule's validation micro- and macro-F1
 * within 1e-3 of the library's rule's.
 */
class CountTuningTest {
    static final FewHotSettings SHAPE = FewHotSettings.defaults().withShape(40, 24).withRows(3000, 2000).withSeed(11);

    static Model model;
    static Dataset validSet;
    static JavaRDD<Block> validBlocks;
    static float[] scores;
    static int[] trainCounts;
    static int trainRows;
    static JavaSparkContext jsc;

    @BeforeAll
    static void fitOnce() {
        SparkSession spark = SparkTests.local();
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset trainSet = SparkTests.generate(SHAPE, FewHotGenerator.Split.TRAIN);
        FewHotClassificationModel fitted = new FewHotClassifier().setHiddenSizes(32).setEpochs(3).setBatchSize(64).setSeed(2)
                .setLocalSteps(4).fit(SparkTests.frame(spark, trainSet, 2));
        model = fitted.toFewHot();
        validSet = SparkTests.generate(SHAPE, FewHotGenerator.Split.TEST);
        validBlocks = SparkTests.frame(spark, validSet, 3).select("features", "labels").javaRDD()
                .mapPartitions(it -> List.of(Block.pack(it, 0, 1, true, "features", "labels")).iterator(), true).cache();
        scores = model.predictor(1).scores(validSet.features());
        trainCounts = trainSet.labels().labelCounts();
        trainRows = trainSet.rows();
    }

    @AfterAll
    static void release() {
        if (validBlocks != null) validBlocks.unpersist(false);
    }

    static DecisionRule counted(ThresholdStrategy s) {
        return FewHotClassifier.tune(jsc, validBlocks, new ModelBytes(model), s, trainCounts, trainRows, 1, 2);
    }

    static DecisionRule library(ThresholdStrategy s) {
        return s.tune(scores, validSet.labels(), trainCounts, trainRows, false);
    }

    static double f1(DecisionRule r, Average a) {
        LabelSets y = validSet.labels();
        return SetMetrics.f1(y, Predictions.of(scores, y.rows(), y.numLabels(), r), a);
    }

    static double bin() {
        return 1.0 / ScoreHistograms.binsFor(SHAPE.labels());
    }

    static void sameF1(DecisionRule ours, DecisionRule lib) {
        assertEquals(f1(lib, Average.MICRO), f1(ours, Average.MICRO), 1e-3, "micro-F1 of " + ours + " against " + lib);
        assertEquals(f1(lib, Average.MACRO), f1(ours, Average.MACRO), 1e-3, "macro-F1 of " + ours + " against " + lib);
    }

    @Test
    void globalIsWithinOneBinOfTheLibrarys() {
        DecisionRule.Threshold ours = assertInstanceOf(DecisionRule.Threshold.class, counted(ThresholdStrategy.GLOBAL));
        DecisionRule.Threshold lib = assertInstanceOf(DecisionRule.Threshold.class, library(ThresholdStrategy.GLOBAL));
        assertTrue(lib.threshold() > 0.01 && lib.threshold() < 0.99, "a real optimum: " + lib);
        assertEquals(lib.threshold(), ours.threshold(), bin(), "global threshold");
        sameF1(ours, lib);
    }

    @Test
    void pcutIsWithinOneBinOfTheLibrarys() {
        DecisionRule.Threshold ours = assertInstanceOf(DecisionRule.Threshold.class, counted(ThresholdStrategy.PCUT));
        DecisionRule.Threshold lib = assertInstanceOf(DecisionRule.Threshold.class, library(ThresholdStrategy.PCUT));
        assertTrue(ours.threshold() <= lib.threshold() && lib.threshold() - ours.threshold() < bin(), ours + " against " + lib);
        sameF1(ours, lib);
    }

    @Test
    void perLabelGivesTheLibrarysF1() {
        float[] ours = assertInstanceOf(DecisionRule.PerLabel.class, counted(ThresholdStrategy.PER_LABEL)).thresholds();
        float[] lib = assertInstanceOf(DecisionRule.PerLabel.class, library(ThresholdStrategy.PER_LABEL)).thresholds();
        int near = 0;
        for (int j = 0; j < lib.length; j++) if (Math.abs(ours[j] - lib[j]) <= bin() + 1e-7) near++;
        assertTrue(2 * near > lib.length, near + " of " + lib.length + " per-label thresholds within one bin of the library's");
        sameF1(new DecisionRule.PerLabel(ours), new DecisionRule.PerLabel(lib));
    }

    @Test
    void partsAddUpInAnyOrder() {
        LabelSets y = validSet.labels();
        int L = y.numLabels(), bins = ScoreHistograms.binsFor(L), n = y.rows(), cut1 = n / 3, cut2 = 2 * n / 3;
        ScoreHistograms whole = new ScoreHistograms(L, bins).add(scores, n, y, 0);
        ScoreHistograms[] parts = new ScoreHistograms[3];
        int[] from = {0, cut1, cut2, n};
        for (int p = 0; p < 3; p++) {
            float[] s = java.util.Arrays.copyOfRange(scores, from[p] * L, from[p + 1] * L);
            parts[p] = new ScoreHistograms(L, bins).add(s, from[p + 1] - from[p], y, from[p]);
        }
        ScoreHistograms forward = new ScoreHistograms(L, bins).merge(parts[0]).merge(parts[1]).merge(parts[2]);
        ScoreHistograms backward = new ScoreHistograms(L, bins).merge(parts[2]).merge(new ScoreHistograms(L, bins)).merge(parts[1])
                .merge(parts[0]);
        for (ScoreHistograms h : new ScoreHistograms[] {forward, backward}) {
            assertEquals(whole.rows(), h.rows());
            assertEquals(whole.global(), h.global());
            assertEquals(whole.pcut(2.5), h.pcut(2.5));
            assertEquals(whole.perLabel(trainCounts), h.perLabel(trainCounts));
            assertEquals(whole.topK(), h.topK());
        }
        // the tuned global edge counts exactly what the histograms counted: micro-F1 of the rule is the sweep's maximum
        double t = whole.global();
        double atT = f1(new DecisionRule.Threshold(t), Average.MICRO);
        assertTrue(atT >= f1(new DecisionRule.Threshold(t + 1.0 / bins), Average.MICRO)
                && atT >= f1(new DecisionRule.Threshold(Math.max(0, t - 1.0 / bins)), Average.MICRO), "a maximum at " + t);
    }

    @Test
    void topKIsTheLibrarys() {
        assertEquals(library(ThresholdStrategy.TOP_K), counted(ThresholdStrategy.TOP_K));
    }

    @Test
    void estimatorTunesWithoutCollectingScores() {
        SparkSession spark = SparkTests.local();
        Dataset trainSet = SparkTests.generate(SHAPE, FewHotGenerator.Split.TRAIN);
        for (String s : new String[] {"global", "per-label", "pcut", "top-k"}) {
            FewHotClassificationModel m = new FewHotClassifier().setHiddenSizes(8).setEpochs(1).setBatchSize(64).setSeed(4)
                    .setValidationFraction(0.2).setThresholdStrategy(s).fit(SparkTests.frame(spark, trainSet, 2));
            DecisionRule r = m.toFewHot().rule();
            assertTrue(s.equals("top-k") ? r instanceof DecisionRule.TopK
                    : s.equals("per-label") ? r instanceof DecisionRule.PerLabel : r instanceof DecisionRule.Threshold, s + ": " + r);
        }
    }
}
