package dev.fewhot.spark;

import dev.fewhot.data.CsrMatrix;
import dev.fewhot.data.DenseMatrix;
import dev.fewhot.data.Features;
import dev.fewhot.decide.DecisionRule;
import dev.fewhot.io.ModelFile;
import dev.fewhot.model.Predictor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained fewhot network as a Spark ML model: {@code transform} scores each partition with
 * the library's predictor and decision rule, adding {@code predictionCol} (array&lt;int&gt;, the
 * predicted label ids by decreasing score) and {@code scoresCol} (array&lt;float&gt;, each label's
 * probability). It holds a fewhot model ({@link #toFewHot()}); {@link #fromFile} and
 * {@link #saveModelFile} convert to and from the model file the CLI and the Java API read, and
 * {@code save}/{@code load} keep that same file inside the Spark ML folder.
 */
public final class FewHotClassificationModel extends Model<FewHotClassificationModel> implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** The model file's name inside a saved folder. */
    static final String DATA_FILE = "data/model.fewhot";

    private final String uid;
    private final ModelBytes model;
    private final Param<String> featuresCol, predictionCol, scoresCol;

    FewHotClassificationModel(String uid, ModelBytes model) {
        this.uid = uid;
        this.model = model;
        featuresCol = new Param<>(uid, "featuresCol", "features column: an ml Vector");
        predictionCol = new Param<>(uid, "predictionCol", "output column: array<int> of predicted label ids ('' for none)");
        scoresCol = new Param<>(uid, "scoresCol", "output column: array<float> of label probabilities ('' for none)");
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(scoresCol, "scores");
    }

    /** A Spark model around a fewhot model (e.g. one trained by the CLI). */
    public static FewHotClassificationModel fromFewHot(dev.fewhot.model.Model m) {
        return new FewHotClassificationModel(Identifiable$.MODULE$.randomUID("fewhot"), new ModelBytes(m));
    }

    /** A Spark model from a fewhot model file. */
    public static FewHotClassificationModel fromFile(Path file) throws IOException {
        return fromFewHot(ModelFile.load(file));
    }

    /** The fewhot model (immutable). */
    public dev.fewhot.model.Model toFewHot() { return model.model(); }

    /** Writes the fewhot model file (atomically), which the CLI and the Java API load. */
    public void saveModelFile(Path file) throws IOException {
        ModelFile.save(model.model(), file);
    }

    /** The same model deciding by another rule (e.g. {@code new DecisionRule.TopK(5)}). */
    public FewHotClassificationModel withRule(DecisionRule rule) {
        FewHotClassificationModel m = new FewHotClassificationModel(uid, new ModelBytes(model.model().withRule(rule)));
        copyValues(m, ParamMap.empty());
        return m;
    }

    @Override public String uid() { return uid; }

    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> predictionCol() { return predictionCol; }
    public Param<String> scoresCol() { return scoresCol; }

    public FewHotClassificationModel setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public FewHotClassificationModel setPredictionCol(String v) { set(predictionCol, v); return this; }
    public FewHotClassificationModel setScoresCol(String v) { set(scoresCol, v); return this; }

    static StructType outputSchema(StructType schema, String prediction, String scores) {
        StructType out = schema;
        if (!prediction.isEmpty()) {
            if (List.of(schema.fieldNames()).contains(prediction)) {
                throw new IllegalArgumentException("predictionCol: column '" + prediction + "' exists already");
            }
            out = out.add(prediction, DataTypes.createArrayType(DataTypes.IntegerType, false), false);
        }
        if (!scores.isEmpty()) {
            if (List.of(schema.fieldNames()).contains(scores)) {
                throw new IllegalArgumentException("scoresCol: column '" + scores + "' exists already");
            }
            out = out.add(scores, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        }
        return out;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String f = getOrDefault(featuresCol);
        if (!List.of(schema.fieldNames()).contains(f)) {
            throw new IllegalArgumentException("featuresCol: no column '" + f + "' in " + schema.simpleString());
        }
        return outputSchema(schema, getOrDefault(predictionCol), getOrDefault(scoresCol));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema(), true);
        Dataset<Row> df = dataset.toDF();
        int fAt = df.schema().fieldIndex(getOrDefault(featuresCol));
        boolean withPred = !getOrDefault(predictionCol).isEmpty(), withScores = !getOrDefault(scoresCol).isEmpty();
        int width = df.schema().size();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
        Broadcast<ModelBytes> bm = jsc.broadcast(model);
        String fName = getOrDefault(featuresCol);
        JavaRDD<Row> rows = df.javaRDD().mapPartitions(it -> new Scorer(it, bm.value().model(), fAt, fName, width, withPred, withScores));
        return df.sparkSession().createDataFrame(rows, out);
    }

    /** Scores rows in chunks with one predictor. */
    private static final class Scorer implements Iterator<Row> {
        private static final int CHUNK = 256;
        private final Iterator<Row> in;
        private final dev.fewhot.model.Model model;
        private final Predictor predictor;
        private final int fAt, width, dim, labels;
        private final String fName;
        private final boolean withPred, withScores;
        private final List<Row> chunk = new ArrayList<>(CHUNK);
        private float[] scores = new float[0];
        private final int[] ids;
        private int at;

        Scorer(Iterator<Row> in, dev.fewhot.model.Model model, int fAt, String fName, int width, boolean withPred, boolean withScores) {
            this.in = in;
            this.model = model;
            this.predictor = model.predictor(1);
            this.fAt = fAt;
            this.fName = fName;
            this.width = width;
            this.withPred = withPred;
            this.withScores = withScores;
            this.dim = model.config().inputDim();
            this.labels = model.config().outputDim();
            this.ids = new int[labels];
        }

        @Override
        public boolean hasNext() {
            if (at < chunk.size()) return true;
            chunk.clear();
            at = 0;
            while (chunk.size() < CHUNK && in.hasNext()) chunk.add(in.next());
            if (chunk.isEmpty()) return false;
            Features x = pack(chunk);
            if (scores.length < chunk.size() * labels) scores = new float[chunk.size() * labels];
            predictor.scores(x, 0, chunk.size(), scores);
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new java.util.NoSuchElementException();
            Row r = chunk.get(at);
            Object[] v = new Object[width + (withPred ? 1 : 0) + (withScores ? 1 : 0)];
            for (int i = 0; i < width; i++) v[i] = r.get(i);
            int k = width, off = at * labels;
            if (withPred) {
                int n = model.rule().decide(scores, off, labels, ids);
                v[k++] = java.util.Arrays.copyOf(ids, n);
            }
            if (withScores) v[k] = java.util.Arrays.copyOfRange(scores, off, off + labels);
            at++;
            return RowFactory.create(v);
        }

        private Features pack(List<Row> rows) {
            int n = rows.size();
            boolean dense = true;
            int nnz = 0;
            for (Row r : rows) {
                Vector v = vector(r);
                if (v instanceof SparseVector s) {
                    dense = false;
                    nnz += s.indices().length;
                } else {
                    nnz += v.size();
                }
            }
            if (dense) {
                float[] x = new float[n * dim];
                for (int i = 0; i < n; i++) {
                    double[] d = ((DenseVector) vector(rows.get(i))).values();
                    for (int j = 0; j < dim; j++) x[i * dim + j] = (float) d[j];
                }
                return new DenseMatrix(n, dim, x);
            }
            int[] ptr = new int[n + 1], idx = new int[nnz];
            float[] val = new float[nnz];
            int at2 = 0;
            for (int i = 0; i < n; i++) {
                Vector v = vector(rows.get(i));
                if (v instanceof SparseVector s) {
                    int[] ix = s.indices();
                    double[] vs = s.values();
                    for (int k = 0; k < ix.length; k++) {
                        idx[at2] = ix[k];
                        val[at2++] = (float) vs[k];
                    }
                } else {
                    double[] d = ((DenseVector) v).values();
                    for (int j = 0; j < d.length; j++) {
                        if (d[j] != 0) {
                            idx[at2] = j;
                            val[at2++] = (float) d[j];
                        }
                    }
                }
                ptr[i + 1] = at2;
            }
            return new CsrMatrix(n, dim, ptr, java.util.Arrays.copyOf(idx, at2), java.util.Arrays.copyOf(val, at2));
        }

        private Vector vector(Row r) {
            Object o = r.get(fAt);
            if (!(o instanceof Vector v)) {
                throw new IllegalArgumentException("column " + fName + ": expected an ml Vector, found "
                        + (o == null ? "null" : o.getClass().getSimpleName()));
            }
            if (v.size() != dim) {
                throw new IllegalArgumentException("column " + fName + ": the model expects vectors of size " + dim + ", found " + v.size());
            }
            return v;
        }
    }

    /**
     * Evaluates on labelled rows with the library's metrics over counts added up per partition
     * (no scores leave the executors): micro-F1, macro-F1 (the model's decision rule), P@1, P@5.
     *
     * @param labelsCol array&lt;int&gt; label ids or array&lt;double&gt; targets
     */
    public Map<String, Double> evaluate(Dataset<?> dataset, String labelsCol) {
        String f = getOrDefault(featuresCol);
        boolean ids = FewHotClassifier.labelsAreIds(dataset.schema().apply(labelsCol).dataType());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        JavaRDD<Block> blocks = dataset.select(f, labelsCol).toDF().javaRDD()
                .mapPartitions(it -> List.of(Block.pack(it, 0, 1, ids, f, labelsCol)).iterator());
        SparkTraining.Evaluation e = SparkTraining.Evaluation.of(jsc, blocks, model, null);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("micro-f1", e.microF1());
        m.put("macro-f1", e.macroF1());
        m.put("p@1", e.precisionAt1());
        m.put("p@5", e.precisionAt5());
        m.put("rows", (double) e.rows);
        return m;
    }

    @Override
    public FewHotClassificationModel copy(ParamMap extra) {
        FewHotClassificationModel m = new FewHotClassificationModel(uid, model);
        copyValues(m, extra);
        return m.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<FewHotClassificationModel> read() {
        return new Reader();
    }

    public static FewHotClassificationModel load(String path) {
        return read().load(path);
    }

    /** Params as Spark ML metadata, the model as a fewhot model file beside them. */
    private static final class Writer extends MLWriter {
        private final FewHotClassificationModel instance;

        Writer(FewHotClassificationModel instance) { this.instance = instance; }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, DATA_FILE);
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (OutputStream out = fs.create(file, true)) {
                    out.write(instance.model.bytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private static final class Reader extends MLReader<FewHotClassificationModel> {
        @Override
        public FewHotClassificationModel load(String path) {
            DefaultParamsReader.Metadata md = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    FewHotClassificationModel.class.getName());
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, DATA_FILE);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                try (InputStream in = fs.open(file)) {
                    bytes = in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
            FewHotClassificationModel m = new FewHotClassificationModel(md.uid(), new ModelBytes(bytes, file.toString()));
            md.getAndSetParams(m, scala.Option.empty());
            return m;
        }
    }
}
