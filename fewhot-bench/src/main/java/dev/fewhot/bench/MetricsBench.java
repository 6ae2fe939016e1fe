package dev.fewhot.bench;

import dev.fewhot.decide.DecisionRule;
import dev.fewhot.metrics.Predictions;
import dev.fewhot.metrics.RankingMetrics;
import dev.fewhot.metrics.Report;
import dev.fewhot.metrics.SetMetrics;
import dev.fewhot.metrics.TopKMetrics;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every evaluation measure ({@link Report#compute}) of a 100,000 x 512 few-hot score matrix (about
 * 5 positives per row, {@link FewHotScores}), and its three passes alone: rule + set measures, the
 * row pass (top-k, LRAP, coverage, ranking loss) and the label pass (AP, AUC, micro and macro).
 * Seconds per call, on the shared kernel pool (all cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
public class MetricsBench {
    @Param({"100000"})
    public int rows;

    @Param({"512"})
    public int labels;

    private FewHotScores d;

    @Setup
    public void setup() {
        d = new FewHotScores(rows, labels, 42);
    }

    @Benchmark
    public Object report() {
        return Report.compute(d.scores, d.truth, new DecisionRule.Threshold(0.5), d.trainCounts, d.trainN);
    }

    @Benchmark
    public Object setMeasures() {
        return SetMetrics.all(d.truth, Predictions.of(d.scores, rows, labels, new DecisionRule.Threshold(0.5)));
    }

    @Benchmark
    public Object rowPass() {
        return RankingMetrics.labelRankingAveragePrecision(d.scores, d.truth)
                + TopKMetrics.all(d.scores, d.truth, null, 1, 3, 5)[0].p();
    }

    @Benchmark
    public Object labelPass() {
        return RankingMetrics.averagePrecisionMicro(d.scores, d.truth);
    }

    @Benchmark
    public Object labelPassMacroOnly() {
        return RankingMetrics.rocAucMacro(d.scores, d.truth);
    }
}
