package org.bricknet.core.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.bricknet.core.Brick;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.check.CheckMode;
import org.bricknet.core.check.GradientCheck;
import org.bricknet.core.check.Tolerance;

/** The bodies of the contracts' properties, for bricks of any number of inputs. */
final class ContractChecks {
    private ContractChecks() {}

    static void gradient(Brick brick, Tensor[] xs, long seed, CheckMode mode, Tolerance tol, String name) {
        GradientCheck.assertPassed(GradientCheck.brick(brick, xs, seed, mode, tol), name);
    }

    /** Each wrong set of input shapes, and an output gradient of the wrong shape, is refused by name. */
    static void wrongShapes(Brick brick, String name, Tensor[] xs, List<int[][]> wrong) {
        for (int[][] shapes : wrong) {
            Tensor[] bad = Arrays.stream(shapes).map(Tensor::zeros).toArray(Tensor[]::new);
            String badText =
                    Arrays.stream(bad).map(Tensor::shapeString).toList().toString();
            String offending = offending(xs, bad);
            Same.rejects(
                    name + ".forward of shapes " + badText + " (built for " + shapesOf(xs) + ")",
                    () -> brick.forward(bad),
                    name,
                    offending);
        }
        Tensor[] ys = brick.forward(xs);
        Tensor[] douts = new Tensor[ys.length];
        for (int j = 0; j < ys.length; j++) {
            douts[j] = Tensor.zeros(ys[j].shape());
        }
        int[] badShape = ys[0].shape();
        badShape[badShape.length - 1]++;
        douts[0] = Tensor.zeros(badShape);
        Tensor badDout = douts[0];
        Same.rejects(
                name + ".backward of an output gradient of shape " + badDout.shapeString(),
                () -> brick.backward(douts),
                name,
                badDout.shapeString());
    }

    static void forwardLeavesInputs(Brick brick, Tensor[] xs) {
        Tensor[] before = Arrays.stream(xs).map(Tensor::copy).toArray(Tensor[]::new);
        brick.forward(xs);
        for (int i = 0; i < xs.length; i++) {
            Same.tensor(xs.length == 1 ? "input after forward" : "input " + i + " after forward", before[i], xs[i]);
        }
    }

    static void backwardTwice(Brick brick, Tensor[] xs, long seed) {
        brick.setInputGradientNeeded(true);
        Tensor[] ys = brick.forward(xs);
        Random r = new Random(seed);
        Tensor[] douts =
                Arrays.stream(ys).map(y -> Tensor.randn(r, 1.0, y.shape())).toArray(Tensor[]::new);
        Tensor[] dx1 = copies(brick.backward(copies(douts)));
        List<Tensor> grads1 =
                brick.parameters().stream().map(p -> p.grad().copy()).toList();
        Tensor[] dx2 = brick.backward(copies(douts));
        for (int i = 0; i < dx1.length; i++) {
            Same.tensor(
                    "input gradient " + (dx1.length == 1 ? "" : i + " ") + "of the second backward", dx1[i], dx2[i]);
        }
        List<Parameter> ps = brick.parameters();
        for (int i = 0; i < ps.size(); i++) {
            Same.tensor(
                    "gradient of " + ps.get(i).name() + " after the second backward",
                    grads1.get(i),
                    ps.get(i).grad());
        }
    }

    static void sameSeed(Function<Random, Brick> build, Tensor[] xs, long seed) {
        Tensor[] a = copies(build.apply(new Random(seed)).forward(xs));
        Tensor[] b = build.apply(new Random(seed)).forward(xs);
        for (int j = 0; j < a.length; j++) {
            Same.tensor(
                    "output " + (a.length == 1 ? "" : j + " ") + "of a second brick built from the same seed",
                    a[j],
                    b[j]);
        }
    }

    static Tensor[] copies(Tensor[] ts) {
        return Arrays.stream(ts).map(t -> t == null ? null : t.copy()).toArray(Tensor[]::new);
    }

    private static String shapesOf(Tensor[] xs) {
        return Arrays.stream(xs).map(Tensor::shapeString).toList().toString();
    }

    /** The shape the message must name: the first input whose shape was changed. */
    private static String offending(Tensor[] good, Tensor[] bad) {
        for (int i = 0; i < Math.min(good.length, bad.length); i++) {
            if (!good[i].sameShape(bad[i])) {
                return bad[i].shapeString();
            }
        }
        return bad[bad.length - 1].shapeString();
    }
}
