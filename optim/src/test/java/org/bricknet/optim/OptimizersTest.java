package org.bricknet.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("engine")
class OptimizersTest {

    @Test
    void createsEachByNameInAnyCase() {
        assertInstanceOf(Sgd.class, Optimizers.create("sgd", 0.1));
        assertInstanceOf(Momentum.class, Optimizers.create("Momentum", 0.1));
        assertInstanceOf(Nesterov.class, Optimizers.create("NESTEROV", 0.1));
        assertInstanceOf(AdaGrad.class, Optimizers.create("adagrad", 0.1));
        assertInstanceOf(RmsProp.class, Optimizers.create("rmsprop", 0.1));
        assertInstanceOf(Adam.class, Optimizers.create(" adam ", 0.1));
        assertInstanceOf(AdamW.class, Optimizers.create("adamw", 0.1));
        for (String name : Optimizers.NAMES) {
            Optimizer o = Optimizers.create(name, 0.25);
            assertEquals(name, o.name());
            assertEquals(0.25, o.learningRate());
        }
        assertEquals(0.001, Optimizers.defaultLearningRate("adam"));
        assertEquals(0.01, Optimizers.defaultLearningRate("momentum"));
    }

    /**
     * A parameter of 5000 values is large enough for the engine to step in two parts; a parameter of
     * 1000 values is stepped whole. The same numbers in five small parameters must come out bit for
     * bit the same.
     */
    @Test
    void aLargeParameterSteppedOnTwoCoresEqualsTheSameValuesSteppedInSmallPieces() {
        int n = 5000;
        int piece = 1000;
        for (String name : Optimizers.NAMES) {
            Random r = new Random(3);
            org.bricknet.core.Parameter big =
                    new org.bricknet.core.Parameter("W", org.bricknet.core.Tensor.randn(r, 1.0, 50, 100));
            Map<String, org.bricknet.core.Parameter> pieces = new java.util.LinkedHashMap<>();
            for (int p = 0; p < n / piece; p++) {
                org.bricknet.core.Tensor v = org.bricknet.core.Tensor.zeros(10, 100);
                System.arraycopy(big.value().data(), p * piece, v.data(), 0, piece);
                pieces.put("W" + p, new org.bricknet.core.Parameter("W", v));
            }
            Optimizer whole = Optimizers.create(name, 0.05);
            Optimizer inPieces = Optimizers.create(name, 0.05);
            for (int step = 0; step < 3; step++) {
                for (int i = 0; i < n; i++) {
                    double g = r.nextGaussian();
                    big.grad().data()[i] = g;
                    pieces.get("W" + i / piece).grad().data()[i % piece] = g;
                }
                whole.step(Map.of("W", big));
                inPieces.step(pieces);
            }
            double[] joined = new double[n];
            for (int p = 0; p < n / piece; p++) {
                System.arraycopy(pieces.get("W" + p).value().data(), 0, joined, p * piece, piece);
            }
            assertArrayEquals(joined, big.value().data(), name);
        }
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Optimizers.create("adamax", 0.1));
        assertEquals(
                "Optimizers: expected one of sgd|momentum|nesterov|adagrad|rmsprop|adam|adamw, got 'adamax'",
                e.getMessage());
    }

    @Test
    void badHyperParametersSayWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(0));
        assertEquals("sgd: expected a learning rate that is finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(0.1).setLearningRate(Double.NaN));
        assertEquals("adam: expected a learning rate that is finite and > 0, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, 1.0));
        assertEquals("momentum: expected a momentum in [0, 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AdamW(0.1, -1));
        assertEquals("adamw: expected a weight decay that is finite and >= 0, got -1.0", e.getMessage());
    }

    /** Every optimizer in both conventions, with an L2 decay on all parameters for the PyTorch ones. */
    private static java.util.List<Map<String, String>> variants() {
        return java.util.List.of(Map.of(), Map.of("convention", "pytorch", "l2", "0.01", "l2_covers", "all"));
    }

    @Test
    void savedStateResumesExactlyWhereItStopped() {
        for (String name : Optimizers.NAMES) {
            for (Map<String, String> hyper : variants()) {
                Bowl straight = Bowl.random(new Random(7), 4);
                Bowl resumed = Bowl.random(new Random(7), 4);
                Optimizer first = Optimizers.create(name, 0.05, hyper);
                straight.descend(first, 10);
                resumed.descend(Optimizers.create(name, 0.05, hyper), 0);
                resumed.w.value().copyFrom(straight.w.value());
                Map<String, double[]> state = first.state(straight.params());
                assertEquals(10.0, state.get("steps")[0], name);

                Optimizer second = Optimizers.create(name, 0.05, hyper);
                second.loadState(resumed.params(), state);
                straight.descend(first, 10);
                resumed.descend(second, 10);
                assertArrayEquals(straight.w.value().data(), resumed.w.value().data(), 0.0, name + " " + hyper);
                assertEquals(20, second.steps(), name);
            }
        }
    }

    @Test
    void hyperparametersBuildAnOptimizerThatTakesTheSameSteps() {
        for (String name : Optimizers.NAMES) {
            for (Map<String, String> hyper : variants()) {
                Optimizer a = Optimizers.create(name, 0.05, hyper);
                Optimizer b = Optimizers.create(name, 0.05, a.hyperparameters());
                assertEquals(a.hyperparameters(), b.hyperparameters(), name);
                Bowl one = Bowl.random(new Random(9), 3);
                Bowl two = Bowl.random(new Random(9), 3);
                one.descend(a, 7);
                two.descend(b, 7);
                assertArrayEquals(one.w.value().data(), two.w.value().data(), 0.0, name + " " + hyper);
            }
        }
        assertEquals(
                Map.of("convention", "book", "beta1", "0.9", "beta2", "0.999", "eps", "1.0E-7"),
                new Adam(0.1).hyperparameters());
        assertEquals(
                "adam(lr=0.1, convention=pytorch, beta1=0.9, beta2=0.999, eps=1.0E-8)",
                Adam.pytorch(0.1).toString());
    }

    @Test
    void thePresetsAreTheConventionsByName() {
        Map<String, String> pytorch = Map.of("convention", "pytorch");
        assertEquals(
                Optimizers.create("adam", 0.1, pytorch).hyperparameters(),
                Adam.pytorch(0.1).hyperparameters());
        assertEquals(
                Optimizers.create("adamw", 0.1, pytorch).hyperparameters(),
                AdamW.pytorch(0.1).hyperparameters());
        assertEquals(
                Optimizers.create("adagrad", 0.1, pytorch).hyperparameters(),
                AdaGrad.pytorch(0.1).hyperparameters());
        assertEquals(
                Optimizers.create("rmsprop", 0.1, pytorch).hyperparameters(),
                RmsProp.pytorch(0.1).hyperparameters());
        assertEquals("all", AdamW.pytorch(0.1).hyperparameters().get("decays"));
        assertEquals("weights", new AdamW(0.1).hyperparameters().get("decays"));
        assertEquals("1.0E-10", AdaGrad.pytorch(0.1).hyperparameters().get("eps"));
    }

    @Test
    void aHyperparameterAnOptimizerDoesNotTakeListsTheOnesItDoes() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Optimizers.create("sgd", 0.1, Map.of("eps", "1e-8")));
        assertEquals("sgd: unknown hyperparameter 'eps'; it takes convention, l2, l2_covers", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("rmsprop", 0.1, Map.of("rho", "0.9")));
        assertEquals(
                "rmsprop: unknown hyperparameter 'rho'; it takes convention, decay_rate, eps, l2, l2_covers",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("adam", 0.1, Map.of("beta1", "x")));
        assertEquals("adam: hyperparameter beta1 'x': expected a number", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> Optimizers.create("adam", 0.1, Map.of("convention", "keras")));
        assertEquals(
                "adam: hyperparameter convention 'keras': expected a convention book|pytorch, got 'keras'",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create("adam", 0.1, Map.of("eps", "0")));
        assertEquals("adam: expected a value of eps that is finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> Optimizers.create("sgd", 0.1, Map.of("l2_covers", "biases")));
        assertEquals("sgd: hyperparameter l2_covers 'biases': expected weights|all, got 'biases'", e.getMessage());
    }

    @Test
    void stateNamesItsSlotsByParameterKey() {
        Bowl bowl = Bowl.random(new Random(1), 3);
        Optimizer adam = new Adam(0.1);
        bowl.descend(adam, 1);
        Map<String, double[]> state = adam.state(bowl.params());
        assertEquals(java.util.List.of("steps", "w.m", "w.v"), java.util.List.copyOf(state.keySet()));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new Adam(0.1).loadState(bowl.params(), Map.of("steps", new double[] {1})));
        assertEquals("adam: expected state entry 'w.m' of 3 values, got none", e.getMessage());
    }
}
