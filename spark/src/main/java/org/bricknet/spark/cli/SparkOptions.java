package org.bricknet.spark.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bricknet.core.data.Dataset;
import org.bricknet.core.io.Mnist;
import org.bricknet.spark.EmbeddedDigits;
import org.bricknet.spark.ExampleSet;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where the data comes from and how Spark holds it: {@code --master}, {@code --partitions}, and
 * either {@code --data DIR} (IDX files, read on the driver and parallelised, as bricknet.jar reads
 * them; the embedded digits by default) or {@code --train PATH [--test PATH]} (Parquet or LIBSVM,
 * read by the executors, for data that does not fit one machine).
 */
final class SparkOptions {
    @Option(
            names = "--master",
            defaultValue = "local[*]",
            paramLabel = "URL",
            description = "Spark master: local[N], spark://HOST:PORT, yarn, k8s://...; default: ${DEFAULT-VALUE}")
    String master;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description =
                    "partitions of the training set; default: Spark's default parallelism for --data, the files' own for --train")
    Integer partitions;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description =
                    "directory holding train-/t10k- images and labels as IDX files (.gz or not), read on the driver; default: the 10,000 embedded MNIST digits")
    Path dir;

    @Option(
            names = "--train",
            paramLabel = "PATH",
            description = "training examples in Spark's --format (a path Spark reads: local, hdfs://, s3a://)")
    String trainPath;

    @Option(names = "--test", paramLabel = "PATH", description = "test examples in the same format (optional)")
    String testPath;

    @Option(
            names = "--format",
            defaultValue = "parquet",
            paramLabel = "F",
            description = "parquet or libsvm; default: ${DEFAULT-VALUE}")
    String format;

    @Option(
            names = "--label-column",
            defaultValue = "label",
            paramLabel = "NAME",
            description = "class indices 0..K-1; default: ${DEFAULT-VALUE}")
    String labelColumn;

    @Option(
            names = "--features-column",
            defaultValue = "features",
            paramLabel = "NAME",
            description = "a vector or an array of numbers; default: ${DEFAULT-VALUE}")
    String featuresColumn;

    @Option(
            names = "--block-rows",
            defaultValue = "" + ExampleSet.DEFAULT_BLOCK_ROWS,
            paramLabel = "R",
            description = "examples stacked per matrix product; default: ${DEFAULT-VALUE}")
    int blockRows;

    @Option(
            names = "--tree-depth",
            defaultValue = "2",
            paramLabel = "D",
            description = "depth of Spark's treeAggregate; default: ${DEFAULT-VALUE}")
    int treeDepth;

    /** The training and test sets as Spark holds them. */
    record Sets(ExampleSet train, ExampleSet test) {
        void unpersist() {
            train.unpersist();
            if (test != null) {
                test.unpersist();
            }
        }
    }

    /** Checks the options that need no data. */
    void check(CommandLine cl) {
        if (!Sessions.MASTER.matcher(master).matches()) {
            throw new ParameterException(
                    cl,
                    "--master " + master + ": expected local, local[N], local[*], "
                            + "spark://HOST:PORT, yarn, k8s://URL or mesos://URL");
        }
        if (partitions != null && partitions < 1) {
            throw new ParameterException(cl, "--partitions must be at least 1, got " + partitions);
        }
        if (blockRows < 1) {
            throw new ParameterException(cl, "--block-rows must be at least 1, got " + blockRows);
        }
        if (treeDepth < 1) {
            throw new ParameterException(cl, "--tree-depth must be at least 1, got " + treeDepth);
        }
        if (dir != null && trainPath != null) {
            throw new ParameterException(cl, "--data and --train name two training sets; give one");
        }
        if (testPath != null && trainPath == null) {
            throw new ParameterException(cl, "--test needs --train");
        }
        if (!format.equals("parquet") && !format.equals("libsvm")) {
            throw new ParameterException(cl, "--format must be parquet or libsvm, got '" + format + "'");
        }
    }

    /** The IDX data read on the driver (null with {@code --train}), checked against {@code --partitions}. */
    Mnist.Split loadLocal(CommandLine cl) throws IOException {
        if (trainPath != null) {
            return null;
        }
        Mnist.Split split = dir == null ? EmbeddedDigits.load() : Mnist.load(dir);
        if (partitions != null && partitions > split.train().size()) {
            throw new ParameterException(
                    cl,
                    "--partitions " + partitions + " is more than the "
                            + split.train().size() + " training examples; each partition needs one at least");
        }
        return split;
    }

    /** The data in Spark, each example shaped as a 1 x side x side image when {@code images}. */
    Sets sets(SparkSession session, Mnist.Split local, boolean images) {
        ExampleSet train;
        ExampleSet test = null;
        if (local != null) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(session.sparkContext());
            int p = partitions != null
                    ? partitions
                    : Math.min(sc.defaultParallelism(), local.train().size());
            train = ExampleSet.of(sc, local.train(), p, blockRows, describe() + " (training set)");
            Dataset t = local.test();
            try {
                test = ExampleSet.of(sc, t, Math.min(p, t.size()), blockRows, describe() + " (test set)");
            } catch (RuntimeException e) {
                train.unpersist();
                throw e;
            }
        } else {
            org.apache.spark.sql.Dataset<Row> frame = read(session, trainPath, 0);
            if (partitions != null) {
                frame = frame.repartition(partitions);
            }
            train = ExampleSet.of(frame, labelColumn, featuresColumn, 0, blockRows, trainPath);
            if (testPath != null) {
                try {
                    test = ExampleSet.of(
                            read(session, testPath, train.width()),
                            labelColumn,
                            featuresColumn,
                            train.classes(),
                            blockRows,
                            testPath);
                    if (test.width() != train.width()) {
                        test.unpersist();
                        throw new IllegalArgumentException(testPath + ": examples have " + test.width()
                                + " values; the training set's have " + train.width());
                    }
                } catch (RuntimeException e) {
                    train.unpersist();
                    throw e;
                }
            }
        }
        if (!images) {
            return new Sets(train, test);
        }
        int side = (int) Math.round(Math.sqrt(train.width()));
        if (side * side != train.width()) {
            new Sets(train, test).unpersist();
            throw new IllegalArgumentException(
                    "cnn: expected square images, got " + train.width() + " values per example");
        }
        return new Sets(
                train.withExampleShape(1, side, side), test == null ? null : test.withExampleShape(1, side, side));
    }

    /** What the data is called in the lines printed. */
    String describe() {
        return trainPath != null ? trainPath : dir == null ? "embedded mnist-10k" : dir.toString();
    }

    private org.apache.spark.sql.Dataset<Row> read(SparkSession session, String path, int width) {
        DataFrameReader reader = session.read().format(format);
        if (format.equals("libsvm") && width > 0) {
            reader = reader.option("numFeatures", Integer.toString(width));
        }
        try {
            return reader.load(path);
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException(path + ": cannot be read as " + format + ": "
                    + m.lines().findFirst().orElse(m));
        }
    }
}
