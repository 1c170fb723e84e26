package org.bricknet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bricknet.core.Network;
import org.bricknet.core.Tensor;
import org.bricknet.layers.Affine;
import org.bricknet.losses.SoftmaxWithLoss;
import org.bricknet.optim.minimize.NetworkFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data from Spark's own sources: read, checked row by row, and refused in one line when bad. */
@Tag("slow")
class ExampleSetTest {
    private static final StructType VECTORS = new StructType(new StructField[] {
        new StructField("label", DataTypes.DoubleType, true, Metadata.empty()),
        new StructField("features", new VectorUDT(), true, Metadata.empty())
    });

    private static org.apache.spark.sql.Dataset<Row> frame(int partitions, Row... rows) {
        return SharedSpark.session()
                .createDataFrame(SharedSpark.context().parallelize(List.of(rows), partitions), VECTORS);
    }

    private static Row row(double label, double... features) {
        return RowFactory.create(label, Vectors.dense(features));
    }

    private static String refusal(org.apache.spark.sql.Dataset<Row> frame, int classes) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> ExampleSet.of(frame, "label", "features", classes, 2, "t.parquet"))
                .getMessage();
    }

    @Test
    void emptyPartitionsContributeNothing() {
        // three rows in five partitions: two partitions are empty
        ExampleSet set = ExampleSet.of(
                frame(5, row(0, 1, 2, 3), row(2, -1, 0.5, 4), row(1, 0, 0, 1)), "label", "features", 0, 2, "t");
        try {
            assertEquals(3, set.size());
            assertEquals(5, set.partitions());
            assertEquals(3, set.width());
            assertEquals(3, set.classes());
            NetworkSource source = () -> new Network()
                    .add("Affine1", new Affine(3, 3, 0.5, new Random(4)))
                    .withLoss(new SoftmaxWithLoss());
            Tensor x = Tensor.matrix(new double[][] {{1, 2, 3}, {-1, 0.5, 4}, {0, 0, 1}});
            Tensor t = Tensor.vector(0, 2, 1);
            NetworkFunction one = new NetworkFunction(source.build(), x, t);
            SparkNetworkFunction many = new SparkNetworkFunction(source.build(), source, set);
            double[] g1 = new double[one.dimension()];
            double[] g2 = new double[one.dimension()];
            assertEquals(
                    one.valueAndGradient(one.parameters(), g1), many.valueAndGradient(one.parameters(), g2), 1e-15);
            assertArrayEquals(g1, g2, 1e-15);
        } finally {
            set.unpersist();
        }
    }

    @Test
    void badRowsAreRefusedWithTheirPlace() {
        assertEquals(
                "t.parquet: row 0 of partition 1: label 10.0 is not a class index in [0, 10)",
                refusal(frame(2, row(1, 1, 2), row(10, 1, 2)), 10));
        assertEquals(
                "t.parquet: row 1 of partition 0: label -1.0 is not a class index in [0, ∞)",
                refusal(frame(1, row(1, 1, 2), row(-1, 1, 2)), 0));
        assertEquals(
                "t.parquet: row 1 of partition 0: expected 2 feature values, got 3",
                refusal(frame(1, row(1, 1, 2), row(0, 1, 2, 3)), 0));
        assertEquals(
                "t.parquet: partition 1 holds examples of 3 values, the others of 2",
                refusal(frame(2, row(1, 1, 2), row(0, 1, 2, 3)), 0));
        assertEquals(
                "t.parquet: row 0 of partition 0: feature 1 is NaN; expected a finite number",
                refusal(frame(1, row(1, 1, Double.NaN)), 0));
        assertEquals("t.parquet: no examples", refusal(frame(2), 0));
        assertEquals(
                "t.parquet: no column 'label'; it has [y, features]",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ExampleSet.of(
                                        frame(1, row(1, 1)).withColumnRenamed("label", "y"),
                                        "label",
                                        "features",
                                        0,
                                        2,
                                        "t.parquet"))
                        .getMessage());
        assertEquals(
                "t.parquet: column 'features' holds string; expected a vector or an array of numbers",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ExampleSet.of(
                                        frame(1, row(1, 1)).selectExpr("label", "'x' AS features"),
                                        "label",
                                        "features",
                                        0,
                                        2,
                                        "t.parquet"))
                        .getMessage());
    }

    @Test
    void libsvmAndParquetFilesAreRead(@TempDir Path dir) throws Exception {
        Path libsvm = dir.resolve("train.libsvm");
        Files.writeString(libsvm, "1 1:0.5 3:2\n0 2:1\n2 1:1 2:1 3:1 4:-1\n");
        org.apache.spark.sql.Dataset<Row> read = SharedSpark.session()
                .read()
                .format("libsvm")
                .option("numFeatures", "4")
                .load(libsvm.toString());
        ExampleSet fromLibsvm = ExampleSet.of(read, "label", "features", 0, 2, libsvm.toString());
        assertEquals(3, fromLibsvm.size());
        assertEquals(4, fromLibsvm.width());
        assertEquals(3, fromLibsvm.classes());
        fromLibsvm.unpersist();

        Path parquet = dir.resolve("train.parquet");
        read.select(
                        read.col("label").cast("int").as("label"),
                        org.apache
                                .spark
                                .ml
                                .functions
                                .vector_to_array(read.col("features"), "float64")
                                .as("features"))
                .write()
                .parquet(parquet.toString());
        ExampleSet fromParquet = ExampleSet.of(
                SharedSpark.session().read().parquet(parquet.toString()), "label", "features", 10, 2, "p");
        assertEquals(3, fromParquet.size());
        assertEquals(4, fromParquet.width());
        assertEquals(10, fromParquet.classes());
        fromParquet.unpersist();
    }
}
