package dev.fewhot.spark;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.Dataset;
import dev.fewhot.data.DatasetBuilder;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.synth.FewHotGenerator;
import dev.fewhot.data.synth.FewHotSettings;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One local[2] session for every test class of the module, and data helpers. */
final class SparkTests {
    private static SparkSession session;

    private SparkTests() { }

    static synchronized SparkSession local() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("fewhot-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** Stops the local session (a JVM holds one SparkContext at a time). */
    static synchronized void stopLocal() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    static final StructType SCHEMA = new StructType()
            .add("features", SQLDataTypes.VectorType(), false)
            .add("labels", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

    /** A generated seed-shaped split. */
    static Dataset generate(FewHotSettings s, FewHotGenerator.Split split) {
        DatasetBuilder b = new DatasetBuilder();
        new FewHotGenerator(s).generate(split, b);
        return b.build(s.features(), s.labels(), List.of(), List.of());
    }

    /** The rows of a dataset, in order, as a DataFrame of {@code partitions} contiguous slices. */
    static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset d, int partitions) {
        return FewHotData.frame(spark, d, partitions);
    }
}
