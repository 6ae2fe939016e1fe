package dev.fewhot.spark.bench;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.data.synth.FewHotSettings;
import dev.fewhot.loss.LossKind;
import dev.fewhot.loss.LossSpec;
import dev.fewhot.kernels.Activation;
import dev.fewhot.model.ModelConfig;
import dev.fewhot.spark.FewHotClassifier;
import dev.fewhot.spark.FewHotData;
import dev.fewhot.train.TrainResult;
import dev.fewhot.train.Trainer;
import dev.fewhot.train.TrainerConfig;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Training throughput on the seed-shaped set: the library's trainer (what {@code fewhot train}
 * runs) at 1 and 2 threads, next to FewHotClassifier at local[1], local[2] and
 * local-cluster[2,1,1024], sync and local-sgd. Each configuration runs twice; the second run is
 * reported (samples/s over the whole fit, Spark jobs included). Run from the module folder with
 * the test class path and SPARK_HOME=target/spark-home (see docs/spark.md).
 *
 * <p>Arguments: rows (default 20000), epochs (default 2).
 */
public final class ScalingBench {
    private ScalingBench() { }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        FewHotSettings shape = FewHotSettings.defaults().withRows(rows, 0);
        DatasetBuilder b = new DatasetBuilder();
        new FewHotGenerator(shape).generate(FewHotGenerator.Split.TRAIN, b);
        Dataset train = b.build(shape.features(), shape.labels(), List.of(), List.of());
        ModelConfig cfg = new ModelConfig(shape.features(), List.of(512), shape.labels(), Activation.RELU, 0.0);
        System.out.printf("data: %d rows, %d features, %d labels; MLP 512 hidden; BCE; Adam; batch 256; %d epochs%n",
                rows, shape.features(), shape.labels(), epochs);
        for (int threads : new int[] {1, 2}) {
            TrainerConfig tc = TrainerConfig.defaults().withEpochs(epochs).withThreads(threads);
            TrainResult r = null;
            for (int rep = 0; rep < 2; rep++) {
                r = new Trainer(tc, null).train(cfg, LossSpec.of(LossKind.BCE).build(), train, null, Map.of());
            }
            int steps = epochs * ((rows + 255) / 256);
            System.out.printf("library trainer, %d thread(s): %.0f samples/s, %.2f ms per step%n", threads, r.samplesPerSecond(),
                    r.trainSeconds() * 1000 / steps);
        }
        List<String> cp = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {dev.fewhot.model.Network.class, dev.fewhot.kernels.Gemm.class, FewHotClassifier.class}) {
            cp.add(new File(c.getProtectionDomain().getCodeSource().getLocation().getPath()).getAbsolutePath());
        }
        for (String master : new String[] {"local[1]", "local[2]", "local-cluster[2,1,1024]"}) {
            SparkSession spark = SparkSession.builder().master(master).appName("fewhot-scaling")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.executor.extraClassPath", String.join(File.pathSeparator, cp))
                    .config("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
            int partitions = master.equals("local[1]") ? 1 : 2;
            org.apache.spark.sql.Dataset<Row> df = FewHotData.frame(spark, train, partitions).cache();
            df.count();
            for (String mode : new String[] {"sync", "local-sgd"}) {
                Map<String, Object> s = null;
                for (int rep = 0; rep < 2; rep++) {
                    FewHotClassifier est = new FewHotClassifier().setLoss("bce").setHiddenSizes(512).setEpochs(epochs)
                            .setBatchSize(256).setTrainingMode(mode).setLocalSteps(8);
                    est.fit(df);
                    s = est.fitSummary();
                }
                long steps = (Long) s.get("steps"), jobs = (Long) s.get("sparkJobs");
                double sec = (Double) s.get("seconds");
                System.out.printf("spark %s %s: %.0f samples/s, %d steps, %d Spark jobs, %.1f ms per job%n", master, mode,
                        (Double) s.get("samplesPerSecond"), steps, jobs, sec * 1000 / jobs);
            }
            spark.stop();
        }
    }
}
