package dev.fewhot.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fewhot.data.Dataset;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.data.synth.FewHotSettings;
import dev.fewhot.io.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline with the estimator fits, saves, loads and predicts the same; models convert to model files. */
class PipelineTest {
    static final FewHotSettings SHAPE = FewHotSettings.defaults().withShape(20, 12).withRows(400, 100).withSeed(5);

    static List<Row> scored(org.apache.spark.sql.Dataset<Row> df) {
        return df.select("prediction", "scores").collectAsList();
    }

    @Test
    void pipelineSavesLoadsAndPredictsTheSame(@TempDir Path dir) throws Exception {
        SparkSession spark = SparkTests.local();
        org.apache.spark.sql.Dataset<Row> train = SparkTests.frame(spark, SparkTests.generate(SHAPE, FewHotGenerator.Split.TRAIN), 2);
        Dataset testSet = SparkTests.generate(SHAPE, FewHotGenerator.Split.TEST);
        org.apache.spark.sql.Dataset<Row> test = SparkTests.frame(spark, testSet, 2);
        FewHotClassifier est = new FewHotClassifier().setHiddenSizes(16).setEpochs(2).setBatchSize(50).setSeed(3)
                .setValidationFraction(0.2).setThresholdStrategy("global").setTrainingMode("local-sgd").setLocalSteps(2);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {est}).fit(train);
        List<Row> before = scored(fitted.transform(test));
        assertEquals(100, before.size());

        String path = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        List<Row> after = scored(loaded.transform(test));
        for (int r = 0; r < before.size(); r++) {
            assertEquals(before.get(r).getList(0), after.get(r).getList(0), "prediction of row " + r);
            assertEquals(before.get(r).getList(1), after.get(r).getList(1), "scores of row " + r);
        }
        FewHotClassificationModel m = (FewHotClassificationModel) loaded.stages()[0];
        assertTrue(m.toFewHot().rule() instanceof dev.fewhot.decide.DecisionRule.Threshold, m.toFewHot().rule().toString());

        // the scores are the library predictor's
        float[] lib = m.toFewHot().predictor(1).scores(testSet.features());
        List<Float> first = after.get(7).getList(1);
        for (int j = 0; j < 20; j++) assertEquals(lib[7 * 20 + j], first.get(j), 0f);

        // the model file round trip, as the CLI reads it
        Path file = dir.resolve("m.fewhot");
        m.saveModelFile(file);
        FewHotClassificationModel back = FewHotClassificationModel.fromFile(file);
        assertArrayEquals(m.toFewHot().parameters(), back.toFewHot().parameters());
        assertEquals(m.toFewHot().rule(), ModelFile.load(file).rule());
        List<Row> again = scored(back.transform(test));
        assertEquals(after.get(3).getList(1), again.get(3).getList(1));

        // the estimator itself saves and loads with its params
        String estPath = dir.resolve("estimator").toString();
        est.write().overwrite().save(estPath);
        FewHotClassifier est2 = FewHotClassifier.load(estPath);
        assertEquals("global", est2.getOrDefault(est2.thresholdStrategy()));
        assertEquals(0.2, (Double) est2.getOrDefault(est2.validationFraction()));
        assertArrayEquals(new int[] {16}, (int[]) est2.getOrDefault(est2.hiddenSizes()));
        assertTrue(Files.exists(dir.resolve("pipeline")));
    }

    @Test
    void badParamsAndColumnsSayWhat() {
        FewHotClassifier est = new FewHotClassifier();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> est.setLoss("hinge"));
        assertTrue(e.getMessage().contains("hinge"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> est.setEpochs(0));
        SparkSession spark = SparkTests.local();
        org.apache.spark.sql.Dataset<Row> df = SparkTests.frame(spark, SparkTests.generate(SHAPE, FewHotGenerator.Split.TEST), 1);
        e = assertThrows(IllegalArgumentException.class, () -> est.setLabelsCol("tags").fit(df));
        assertEquals("labelsCol: no column 'tags' in struct<features:vector,labels:array<int>>", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FewHotClassifier().setThresholdStrategy("per-label").fit(df));
        assertTrue(e.getMessage().contains("set validationFraction > 0"), e.getMessage());
    }
}
