package org.bricknet.core.testing;

import java.util.List;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;
import org.bricknet.core.engine.Ops;

/** Small layers for testing the checkers: one right, and some deliberately wrong. */
public final class TestLayers {
    private TestLayers() {}

    /** {@code y = x·W} with a square {@code W}; {@code mistake} selects a wrong backward. */
    public static final class MatMul implements Layer {
        public enum Mistake {
            NONE,
            FACTOR,
            TRANSPOSED
        }

        private final Parameter w;
        private final Mistake mistake;
        private Tensor x;

        public MatMul(Tensor w, Mistake mistake) {
            this.w = new Parameter("W", w);
            this.mistake = mistake;
        }

        @Override
        public Tensor forward(Tensor x) {
            this.x = x;
            int n = x.rows();
            int d = w.value().dim(0);
            Tensor y = Tensor.zeros(n, d);
            Ops.mult(x, w.value(), y);
            return y;
        }

        @Override
        public Tensor backward(Tensor dout) {
            int n = x.rows();
            int d = w.value().dim(0);
            // dW = xᵀ·dout; the TRANSPOSED mistake computes doutᵀ·x instead.
            if (mistake == Mistake.TRANSPOSED) {
                Ops.multTransA(dout, x, w.grad());
            } else {
                Ops.multTransA(x, dout, w.grad());
            }
            Tensor dx = Tensor.zeros(n, d);
            double scale = mistake == Mistake.FACTOR ? 1.01 : 1.0;
            Ops.multTransB(dout, w.value(), dx);
            for (int i = 0; i < dx.size(); i++) {
                dx.data()[i] *= scale;
            }
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(w);
        }
    }
}
