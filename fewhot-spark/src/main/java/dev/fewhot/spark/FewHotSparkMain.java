package dev.fewhot.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code spark-submit} entry point:
 * <pre>
 * spark-submit --class dev.fewhot.spark.FewHotSparkMain fewhot-spark.jar train --train T --model M [options]
 * spark-submit ... predict --model M --data D --out P
 * spark-submit ... eval --model M --data D
 * </pre>
 * Files are read by the library's readers (XMC text, LIBSVM, ARFF); the model is a fewhot model
 * file the CLI and the Java API load. {@code train} options map one to one onto the
 * estimator's params ({@code --loss asl --hidden 512 --epochs 5 --batch 256 --lr 1e-3 --seed 0
 * --mode sync|local-sgd --local-steps 8 --validation 0.1 --patience 3 --thresholds fixed|global|per-label|pcut|top-k
 * --optimizer adam --partitions N}). Results go to stdout, messages to stderr; bad input gets one
 * line and exit code 2.
 */
public final class FewHotSparkMain {
    private FewHotSparkMain() { }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            System.err.println("fewhot-spark: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length == 0 || !List.of("train", "predict", "eval").contains(args[0])) {
            err.println("usage: FewHotSparkMain train|predict|eval --option value ... (see the class documentation)");
            return 2;
        }
        Map<String, String> o = options(args);
        SparkSession spark = SparkSession.builder().appName("fewhot " + args[0]).getOrCreate();
        int partitions = Integer.parseInt(o.getOrDefault("partitions", String.valueOf(spark.sparkContext().defaultParallelism())));
        switch (args[0]) {
            case "train" -> {
                org.apache.spark.sql.Dataset<Row> df = FewHotData.read(spark, need(o, "train"), partitions).cache();
                FewHotClassifier est = new FewHotClassifier();
                for (Map.Entry<String, String> e : o.entrySet()) set(est, e.getKey(), e.getValue());
                est.setTrainingListener(new dev.fewhot.train.TrainingListener() {
                    @Override
                    public void epochEnded(int epoch, double trainLoss, double validationValue) {
                        err.printf("epoch %d: loss %.5f%s%n", epoch, trainLoss,
                                Double.isNaN(validationValue) ? "" : String.format(", validation %.5f", validationValue));
                    }
                });
                FewHotClassificationModel m = est.fit(df);
                m.saveModelFile(Path.of(need(o, "model")));
                Map<String, Object> s = est.fitSummary();
                out.printf("trained %s rows, %s epochs, %s steps, %s Spark jobs in %.1f s (%.0f samples/s); model %s%n",
                        s.get("rows"), s.get("epochs"), s.get("steps"), s.get("sparkJobs"), (Double) s.get("seconds"),
                        (Double) s.get("samplesPerSecond"), need(o, "model"));
            }
            case "predict" -> {
                FewHotClassificationModel m = FewHotClassificationModel.fromFile(Path.of(need(o, "model")));
                List<Row> rows = m.transform(FewHotData.read(spark, need(o, "data"), partitions)).select("prediction").collectAsList();
                Path target = Path.of(need(o, "out"));
                StringBuilder sb = new StringBuilder();
                for (Row r : rows) {
                    List<Integer> ids = r.getList(0);
                    for (int k = 0; k < ids.size(); k++) sb.append(k == 0 ? "" : " ").append(ids.get(k));
                    sb.append('\n');
                }
                dev.fewhot.data.io.AtomicFiles.write(target, w -> w.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
                err.println("wrote " + rows.size() + " predictions to " + target);
            }
            default -> {
                FewHotClassificationModel m = FewHotClassificationModel.fromFile(Path.of(need(o, "model")));
                Map<String, Double> e = m.evaluate(FewHotData.read(spark, need(o, "data"), partitions), "labels");
                StringBuilder sb = new StringBuilder("{");
                for (Map.Entry<String, Double> x : e.entrySet()) {
                    sb.append(sb.length() == 1 ? "" : ", ").append('"').append(x.getKey()).append("\": ").append(x.getValue());
                }
                out.println(sb.append('}'));
            }
        }
        return 0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, found '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    private static String need(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) throw new IllegalArgumentException("--" + key + " is required");
        return v;
    }

    private static void set(FewHotClassifier est, String key, String v) {
        try {
            switch (key) {
                case "train", "model", "partitions" -> { }
                case "loss" -> est.setLoss(v);
                case "hidden" -> est.setHiddenSizes(v.isBlank() || v.equals("none") ? new int[0]
                        : java.util.Arrays.stream(v.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray());
                case "epochs" -> est.setEpochs(Integer.parseInt(v));
                case "batch" -> est.setBatchSize(Integer.parseInt(v));
                case "lr" -> est.setLearningRate(Double.parseDouble(v));
                case "seed" -> est.setSeed(Long.parseLong(v));
                case "mode" -> est.setTrainingMode(v);
                case "local-steps" -> est.setLocalSteps(Integer.parseInt(v));
                case "validation" -> est.setValidationFraction(Double.parseDouble(v));
                case "patience" -> est.setPatience(Integer.parseInt(v));
                case "validation-metric" -> est.setValidationMetric(v);
                case "thresholds" -> est.setThresholdStrategy(v);
                case "threshold" -> est.setThreshold(Double.parseDouble(v));
                case "optimizer" -> est.setOptimizer(v);
                case "dropout" -> est.setDropout(Double.parseDouble(v));
                case "threads-per-task" -> est.setThreadsPerTask(Integer.parseInt(v));
                default -> throw new IllegalArgumentException("unknown option --" + key);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": not a number: '" + v + "'");
        }
    }
}
