package org.bricknet.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.bricknet.core.data.Dataset;

/**
 * Labelled examples held by Spark: an RDD of {@link ExampleBlock}s (examples stacked in blocks of
 * {@code blockRows}, 128 by default as in Spark MLlib), cached in memory (spilling to disk), with
 * what the driver needs to know about them: how many there are, how many in each partition, how
 * wide an example is and how many classes there are.
 *
 * <p>Two sources. {@link #of(JavaSparkContext, Dataset, int, int, String)} parallelises a data set
 * already loaded on the driver (the IDX directories bricknet reads), cut into {@code partitions}
 * runs of consecutive examples; its blocks are then local-checkpointed (Spark's
 * {@code localCheckpoint}), so that the tasks of each step do not carry the examples again, at the
 * price that an executor lost during training loses its blocks and fails the job. {@link #of(org.apache.spark.sql.Dataset, String, String, int, int,
 * String)} takes a Spark {@code DataFrame} with a label column and a feature column (Parquet,
 * LIBSVM, anything Spark reads) for data that does not fit one machine; it stays where Spark has
 * it. Either way every example is checked before training starts (one pass, which also fills the
 * cache): a bad row is an {@link IllegalArgumentException} naming the data, the partition, the
 * row and what is wrong. An empty partition is allowed and contributes nothing; an empty data set
 * is refused.
 *
 * <p>Examples are numbered {@code 0 .. size()−1} in partition order; a mini-batch names its
 * examples by these numbers.
 */
public final class ExampleSet {
    /** Spark MLlib's block size for its perceptron. */
    public static final int DEFAULT_BLOCK_ROWS = 128;

    private final JavaRDD<ExampleBlock> blocks;
    private final long[] starts;
    private final int width;
    private final int classes;
    private final int[] exampleShape;
    private final String name;

    private ExampleSet(
            JavaRDD<ExampleBlock> blocks, long[] starts, int width, int classes, int[] exampleShape, String name) {
        this.blocks = blocks;
        this.starts = starts;
        this.width = width;
        this.classes = classes;
        this.exampleShape = exampleShape;
        this.name = name;
    }

    /**
     * {@code data}, loaded on the driver, as {@code partitions} partitions of consecutive examples
     * (partition {@code p} holds examples {@code ⌊p·N/P⌋ .. ⌊(p+1)·N/P⌋−1}), in blocks of
     * {@code blockRows}. Each example keeps its shape ({@code N x C x H x W} stays images).
     */
    public static ExampleSet of(JavaSparkContext sc, Dataset data, int partitions, int blockRows, String name) {
        int n = data.size();
        if (partitions < 1 || partitions > n) {
            throw new IllegalArgumentException(
                    name + ": expected 1 to " + n + " partitions (one example each at " + "least), got " + partitions);
        }
        requireBlockRows(blockRows);
        int w = data.inputs().cols();
        double[] x = data.inputs().data();
        int[] labels = data.labels();
        List<List<ExampleBlock>> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) p * n / partitions);
            int to = (int) ((long) (p + 1) * n / partitions);
            List<ExampleBlock> part = new ArrayList<>();
            for (int b = from; b < to; b += blockRows) {
                int rows = Math.min(blockRows, to - b);
                double[] t = new double[rows];
                for (int i = 0; i < rows; i++) {
                    t[i] = labels[b + i];
                }
                part.add(new ExampleBlock(b - from, rows, w, Arrays.copyOfRange(x, b * w, (b + rows) * w), t));
            }
            parts.add(part);
        }
        JavaRDD<ExampleBlock> rdd = sc.parallelize(parts, partitions).flatMap(List::iterator);
        // Cut the lineage once the blocks are cached: every task of a parallelised collection
        // carries its partition's data, which would ship the examples again with each step.
        rdd.persist(StorageLevel.MEMORY_AND_DISK());
        rdd.rdd().localCheckpoint();
        int[] shape = data.inputs().shape();
        return checked(rdd, w, data.classes(), Arrays.copyOfRange(shape, 1, shape.length), name);
    }

    /**
     * A Spark {@code DataFrame}'s column {@code labelColumn} (whole numbers, the class indices) and
     * {@code featuresColumn} (a Spark ML vector, as the LIBSVM source gives, or an array of
     * numbers), kept in the frame's partitions. {@code classes} is the number of classes, or 0 to
     * take the largest label plus one; labels at or above it are refused. Examples are flat
     * vectors until {@link #withExampleShape} says otherwise.
     */
    public static ExampleSet of(
            org.apache.spark.sql.Dataset<Row> frame,
            String labelColumn,
            String featuresColumn,
            int classes,
            int blockRows,
            String name) {
        requireBlockRows(blockRows);
        if (classes < 0) {
            throw new IllegalArgumentException(name + ": expected a number of classes >= 0, got " + classes);
        }
        StructType schema = frame.schema();
        int label = column(schema, labelColumn, name);
        int features = column(schema, featuresColumn, name);
        DataType lt = schema.fields()[label].dataType();
        if (!(lt instanceof NumericType)) {
            throw new IllegalArgumentException(name + ": column '" + labelColumn + "' holds " + lt.simpleString()
                    + "; expected numbers (class indices)");
        }
        DataType ft = schema.fields()[features].dataType();
        boolean numericArray = ft instanceof ArrayType && ((ArrayType) ft).elementType() instanceof NumericType;
        if (!(ft instanceof VectorUDT) && !numericArray) {
            throw new IllegalArgumentException(name + ": column '" + featuresColumn + "' holds " + ft.simpleString()
                    + "; expected a vector or an array of numbers");
        }
        JavaRDD<ExampleBlock> rdd =
                frame.toJavaRDD().mapPartitionsWithIndex(new FrameBlocks(label, features, 0, classes, blockRows), true);
        return checked(rdd, 0, classes, null, name);
    }

    /** The same examples, each read as a tensor of {@code shape} (e.g. {@code 1, 28, 28}) instead. */
    public ExampleSet withExampleShape(int... shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (shape.length == 0 || n != width || Arrays.stream(shape).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException(
                    name + ": examples have " + width + " values; they cannot be read as " + Arrays.toString(shape));
        }
        return new ExampleSet(blocks, starts, width, classes, shape.clone(), name);
    }

    /** The number of examples. */
    public long size() {
        return starts[starts.length - 1];
    }

    /** The values per example. */
    public int width() {
        return width;
    }

    public int classes() {
        return classes;
    }

    /** The shape of one example, such as {@code [784]} or {@code [1, 28, 28]}. */
    public int[] exampleShape() {
        return exampleShape.clone();
    }

    public int partitions() {
        return starts.length - 1;
    }

    /** What the data is called in messages (a path, "embedded mnist-10k"). */
    public String name() {
        return name;
    }

    /** Drops the cached blocks. */
    public void unpersist() {
        blocks.unpersist(false);
    }

    JavaRDD<ExampleBlock> blocks() {
        return blocks;
    }

    /** The number of the first example of each partition, then the total: {@code partitions() + 1} values. */
    long[] starts() {
        return starts;
    }

    /** Caches {@code rdd}, reads every partition once, and refuses bad or inconsistent data. */
    private static ExampleSet checked(
            JavaRDD<ExampleBlock> rdd, int width, int classes, int[] exampleShape, String name) {
        if (rdd.getStorageLevel().equals(StorageLevel.NONE())) {
            rdd.persist(StorageLevel.MEMORY_AND_DISK());
        }
        List<Summary> parts;
        try {
            parts = rdd.mapPartitionsWithIndex(new Summarise(), true).collect();
        } catch (RuntimeException e) {
            rdd.unpersist(false);
            throw e;
        }
        long[] starts = new long[parts.size() + 1];
        int w = width;
        int maxLabel = -1;
        String problem = null;
        for (int p = 0; p < parts.size() && problem == null; p++) {
            Summary s = parts.get(p);
            starts[p + 1] = starts[p] + s.rows;
            if (s.problem != null) {
                problem = s.problem;
            } else if (s.rows > 0 && w == 0) {
                w = s.width;
            } else if (s.rows > 0 && s.width != w) {
                problem = "partition " + p + " holds examples of " + s.width + " values, the others of " + w;
            }
            maxLabel = Math.max(maxLabel, s.maxLabel);
        }
        if (problem == null && starts[parts.size()] == 0) {
            problem = "no examples";
        }
        if (problem != null) {
            rdd.unpersist(false);
            throw new IllegalArgumentException(name + ": " + problem);
        }
        int k = classes > 0 ? classes : maxLabel + 1;
        return new ExampleSet(rdd, starts, w, k, exampleShape != null ? exampleShape : new int[] {w}, name);
    }

    private static int column(StructType schema, String column, String name) {
        for (int i = 0; i < schema.fields().length; i++) {
            if (schema.fields()[i].name().equals(column)) {
                return i;
            }
        }
        List<String> names = new ArrayList<>();
        for (StructField f : schema.fields()) {
            names.add(f.name());
        }
        throw new IllegalArgumentException(name + ": no column '" + column + "'; it has " + names);
    }

    private static void requireBlockRows(int blockRows) {
        if (blockRows < 1) {
            throw new IllegalArgumentException("expected at least 1 row per block, got " + blockRows);
        }
    }

    /** One partition: its rows, width, largest label and first problem. */
    private static final class Summary implements Serializable {
        private static final long serialVersionUID = 1L;
        long rows;
        int width;
        int maxLabel = -1;
        String problem;
    }

    private static final class Summarise implements Function2<Integer, Iterator<ExampleBlock>, Iterator<Summary>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Summary> call(Integer partition, Iterator<ExampleBlock> blocks) {
            Summary s = new Summary();
            while (blocks.hasNext() && s.problem == null) {
                ExampleBlock b = blocks.next();
                if (b.problem != null) {
                    s.problem = b.problem;
                } else if (s.rows > 0 && b.width != s.width) {
                    s.problem = "partition " + partition + " holds examples of " + s.width + " and of " + b.width
                            + " values";
                } else {
                    s.width = b.width;
                    s.rows += b.rows;
                    for (double t : b.targets) {
                        s.maxLabel = Math.max(s.maxLabel, (int) t);
                    }
                }
            }
            return Collections.singletonList(s).iterator();
        }
    }
}
