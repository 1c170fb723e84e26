package org.bricknet.core.testing;

import java.util.List;
import org.bricknet.core.Blas;
import org.bricknet.core.Layer;
import org.bricknet.core.Parameter;
import org.bricknet.core.Tensor;

/** Small layers for testing the checkers: one right, and some deliberately wrong. */
public final class TestLayers {
    private TestLayers() {
    }

    /** {@code y = x·W} with a square {@code W}; {@code mistake} selects a wrong backward. */
    public static final class MatMul implements Layer {
        public enum Mistake { NONE, FACTOR, TRANSPOSED }

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
            Blas.gemm(false, false, n, d, d, 1.0, x.data(), 0, w.value().data(), 0, 0.0, y.data(), 0);
            return y;
        }

        @Override
        public Tensor backward(Tensor dout) {
            int n = x.rows();
            int d = w.value().dim(0);
            // dW = xᵀ·dout; the TRANSPOSED mistake computes doutᵀ·x instead.
            if (mistake == Mistake.TRANSPOSED) {
                Blas.gemm(true, false, d, d, n, 1.0, dout.data(), 0, x.data(), 0, 0.0, w.grad().data(), 0);
            } else {
                Blas.gemm(true, false, d, d, n, 1.0, x.data(), 0, dout.data(), 0, 0.0, w.grad().data(), 0);
            }
            Tensor dx = Tensor.zeros(n, d);
            double scale = mistake == Mistake.FACTOR ? 1.01 : 1.0;
            Blas.gemm(false, true, n, d, d, scale, dout.data(), 0, w.value().data(), 0, 0.0, dx.data(), 0);
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(w);
        }
    }
}
