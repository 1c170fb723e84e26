package org.bricknet.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Packs one partition of a Spark {@code DataFrame} (a label column and a feature column) into
 * {@link ExampleBlock}s, checking every row on the way: a label must be a whole number in
 * {@code [0, classes)} (any whole number ≥ 0 when the classes are not known yet), the features a
 * vector (Spark ML's {@code Vector}, dense or sparse) or an array of numbers, all finite and all of
 * one width. The first bad row ends the partition with a block that names it.
 */
final class FrameBlocks implements Function2<Integer, Iterator<Row>, Iterator<ExampleBlock>> {
    private static final long serialVersionUID = 1L;
    private final int labelIndex;
    private final int featuresIndex;
    private final int width;
    private final int classes;
    private final int blockRows;

    /** {@code width} and {@code classes} are 0 when the data decides them. */
    FrameBlocks(int labelIndex, int featuresIndex, int width, int classes, int blockRows) {
        this.labelIndex = labelIndex;
        this.featuresIndex = featuresIndex;
        this.width = width;
        this.classes = classes;
        this.blockRows = blockRows;
    }

    @Override
    public Iterator<ExampleBlock> call(Integer partition, Iterator<Row> rows) {
        List<ExampleBlock> out = new ArrayList<>();
        int w = width;
        double[] x = null;
        double[] t = null;
        int filled = 0;
        long row = 0;
        long first = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            String where = "row " + row + " of partition " + partition + ": ";
            Object label = r.get(labelIndex);
            double[] features;
            try {
                features = features(r.get(featuresIndex));
            } catch (IllegalArgumentException e) {
                out.add(ExampleBlock.problem(where + e.getMessage()));
                return out.iterator();
            }
            String bad = labelProblem(label);
            if (bad == null && w == 0) {
                w = features.length;
            }
            if (bad == null && features.length != w) {
                bad = "expected " + w + " feature values, got " + features.length;
            }
            for (int i = 0; bad == null && i < features.length; i++) {
                if (!Double.isFinite(features[i])) {
                    bad = "feature " + i + " is " + features[i] + "; expected a finite number";
                }
            }
            if (bad != null) {
                out.add(ExampleBlock.problem(where + bad));
                return out.iterator();
            }
            if (x == null) {
                x = new double[blockRows * w];
                t = new double[blockRows];
                first = row;
            }
            System.arraycopy(features, 0, x, filled * w, w);
            t[filled++] = ((Number) label).doubleValue();
            row++;
            if (filled == blockRows) {
                out.add(new ExampleBlock(first, filled, w, x, t));
                x = null;
                filled = 0;
            }
        }
        if (filled > 0) {
            out.add(new ExampleBlock(
                    first, filled, w, java.util.Arrays.copyOf(x, filled * w), java.util.Arrays.copyOf(t, filled)));
        }
        return out.iterator();
    }

    private String labelProblem(Object label) {
        if (!(label instanceof Number)) {
            return "label is " + label + "; expected a class index";
        }
        double v = ((Number) label).doubleValue();
        boolean whole = v >= 0 && v == Math.rint(v) && v < Integer.MAX_VALUE;
        if (!whole || (classes > 0 && v >= classes)) {
            return "label " + label + " is not a class index in [0, " + (classes > 0 ? classes : "∞") + ")";
        }
        return null;
    }

    private static double[] features(Object value) {
        if (value instanceof Vector) {
            return ((Vector) value).toArray();
        }
        if (value instanceof scala.collection.Seq) {
            scala.collection.Seq<?> seq = (scala.collection.Seq<?>) value;
            double[] out = new double[seq.length()];
            for (int i = 0; i < out.length; i++) {
                Object v = seq.apply(i);
                if (!(v instanceof Number)) {
                    throw new IllegalArgumentException("feature " + i + " is " + v + "; expected a number");
                }
                out[i] = ((Number) v).doubleValue();
            }
            return out;
        }
        throw new IllegalArgumentException("the features are " + value + "; expected a vector or an array of numbers");
    }
}
