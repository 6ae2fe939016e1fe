package dev.fewhot.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.data.synth.FewHotSettings;
import dev.fewhot.train.TrainingListener;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real multi-process cluster, {@code local-cluster[2,1,1024]}: a standalone master and two
 * worker JVMs started by Spark, each launching an executor process from the Spark home the
 * build assembles ({@code target/spark-home/jars}). Trains and scores; an executor killed
 * mid-training is replaced, its tasks and cached blocks recomputed, and the run ends with the
 * same model, bit for bit, as the undisturbed run.
 */
@org.junit.jupiter.api.Timeout(value = 600, unit = java.util.concurrent.TimeUnit.SECONDS)
class LocalClusterTest {
    static final FewHotSettings SHAPE = FewHotSettings.defaults().withShape(24, 16).withRows(600, 200).withSeed(9);
    static SparkSession spark;

    @BeforeAll
    static void cluster() {
        String home = System.getenv("SPARK_HOME");
        Assumptions.assumeTrue(home != null && new File(home, "jars").isDirectory(),
                "skipped: no Spark home with a jars/ folder (the Maven build assembles it in target/spark-home)");
        SparkTests.stopLocal();
        List<String> cp = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {dev.fewhot.model.Network.class, dev.fewhot.kernels.Gemm.class, FewHotClassifier.class,
                LocalClusterTest.class}) {
            cp.add(new File(c.getProtectionDomain().getCodeSource().getLocation().getPath()).getAbsolutePath());
        }
        spark = SparkSession.builder().master("local-cluster[2,1,1024]").appName("fewhot-local-cluster")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.executor.extraClassPath", String.join(File.pathSeparator, cp))
                .config("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector")
                .config("spark.task.maxFailures", "8")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        // fail rather than wait forever when executors cannot start (their logs: target/spark-home/work)
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < 3) {
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("the local cluster's executors did not register within 90 s; see target/spark-home/work");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
        spark = null;
    }

    static FewHotClassifier estimator(String mode) {
        return new FewHotClassifier().setLoss("bce").setHiddenSizes(16).setEpochs(4).setBatchSize(40).setSeed(2)
                .setLearningRate(0.01).setTrainingMode(mode).setLocalSteps(3);
    }

    /** The executor processes of this application. */
    static List<ProcessHandle> executors() {
        String app = spark.sparkContext().applicationId();
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            Optional<String> cmd = p.info().commandLine();
            if (cmd.isPresent() && cmd.get().contains("CoarseGrainedExecutorBackend") && cmd.get().contains(app)) out.add(p);
        });
        return out;
    }

    @Test
    void trainsScoresAndSurvivesAKilledExecutor() throws Exception {
        Dataset train = SparkTests.generate(SHAPE, FewHotGenerator.Split.TRAIN);
        Dataset test = SparkTests.generate(SHAPE, FewHotGenerator.Split.TEST);
        org.apache.spark.sql.Dataset<Row> trainFrame = SparkTests.frame(spark, train, 4);
        org.apache.spark.sql.Dataset<Row> testFrame = SparkTests.frame(spark, test, 2);
        assertEquals(2, executors().size(), "executor processes");

        FewHotClassificationModel syncModel = null;
        for (String mode : new String[] {"sync", "local-sgd"}) {
            FewHotClassificationModel quiet = estimator(mode).fit(trainFrame);
            if (mode.equals("sync")) syncModel = quiet;
            float[] expected = quiet.toFewHot().parameters();

            // kill one executor process shortly after the first epoch, while the next steps run
            List<Long> killed = new ArrayList<>();
            FewHotClassifier est = estimator(mode).setTrainingListener(new TrainingListener() {
                @Override
                public void epochEnded(int epoch, double trainLoss, double validationValue) {
                    if (epoch != 1) return;
                    ProcessHandle victim = executors().get(0);
                    killed.add(victim.pid());
                    new Thread(() -> {
                        try {
                            Thread.sleep(30);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        victim.destroyForcibly();
                    }).start();
                }
            });
            FewHotClassificationModel disturbed = est.fit(trainFrame);
            assertEquals(1, killed.size());
            assertTrue(executors().stream().noneMatch(p -> p.pid() == killed.get(0)), "the killed executor is gone");
            assertArrayEquals(expected, disturbed.toFewHot().parameters(), mode + ": same model as the undisturbed run");
            System.err.println(mode + " on local-cluster: executor " + killed.get(0) + " killed after epoch 1; same model; "
                    + est.fitSummary().get("sparkJobs") + " jobs");
        }

        // scoring on the executors gives the library predictor's scores
        FewHotClassificationModel m = syncModel;
        List<Row> rows = m.transform(testFrame).select("scores").collectAsList();
        float[] lib = m.toFewHot().predictor(1).scores(test.features());
        assertEquals(test.rows(), rows.size());
        for (int r = 0; r < rows.size(); r += 37) {
            List<Float> s = rows.get(r).getList(0);
            for (int j = 0; j < 24; j++) assertEquals(lib[r * 24 + j], s.get(j), 0f);
        }
        assertTrue(Files.isDirectory(Path.of(System.getenv("SPARK_HOME"), "jars")));
    }
}
