package dev.fewhot.spark;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.LabelSets;
import dev.fewhot.data.io.DataFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The field's data files as DataFrames for {@link FewHotClassifier}: XMC text, multi-label
 * LIBSVM and ARFF, read by the library's readers (format from the file's name or content) on
 * the driver and cut into partitions in file order. Columns: {@code features} (an ml Vector,
 * sparse for sparse files) and {@code labels} (array&lt;int&gt; of label ids).
 */
public final class FewHotData {
    /** The schema of the frames this class builds. */
    public static final StructType SCHEMA = new StructType()
            .add("features", SQLDataTypes.VectorType(), false)
            .add("labels", DataTypes.createArrayType(DataTypes.IntegerType, false), false);

    private FewHotData() { }

    /** Reads a local file into a frame of the session's default parallelism. */
    public static Dataset<Row> read(SparkSession spark, String path) throws IOException {
        return read(spark, path, spark.sparkContext().defaultParallelism());
    }

    /**
     * Reads a local file (format detected) into a frame of {@code partitions} contiguous slices.
     *
     * @throws IOException on a read error; a malformed file fails with the reader's one-line message
     */
    public static Dataset<Row> read(SparkSession spark, String path, int partitions) throws IOException {
        Path file = Path.of(path);
        DataFormat format = DataFormat.guess(file).orElseThrow(() -> new IllegalArgumentException(
                path + ": cannot tell the format (expected XMC text, LIBSVM or ARFF)"));
        return frame(spark, format.read(file), partitions);
    }

    /** A library dataset's rows, in order, as a frame of {@code partitions} contiguous slices. */
    public static Dataset<Row> frame(SparkSession spark, dev.fewhot.data.Dataset d, int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        List<Row> rows = new ArrayList<>(d.rows());
        LabelSets y = d.labels();
        for (int r = 0; r < d.rows(); r++) {
            rows.add(RowFactory.create(vector(d, r), java.util.Arrays.copyOfRange(y.labels(), y.indptr()[r], y.indptr()[r + 1])));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(jsc.parallelize(rows, partitions), SCHEMA);
    }

    private static Vector vector(dev.fewhot.data.Dataset d, int r) {
        int dim = d.numFeatures();
        if (d.features() instanceof DenseMatrix m) {
            double[] v = new double[dim];
            for (int j = 0; j < dim; j++) v[j] = m.data()[r * dim + j];
            return Vectors.dense(v);
        }
        CsrMatrix c = (CsrMatrix) d.features();
        int from = c.indptr()[r], to = c.indptr()[r + 1];
        double[] v = new double[to - from];
        for (int k = from; k < to; k++) v[k - from] = c.values()[k];
        return Vectors.sparse(dim, java.util.Arrays.copyOfRange(c.indices(), from, to), v);
    }
}
