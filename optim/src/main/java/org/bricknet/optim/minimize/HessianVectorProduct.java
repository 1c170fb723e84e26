package org.bricknet.optim.minimize;

/**
 * The product of a function's Hessian with a vector, {@code ∇²f(x)·v}, without forming the
 * Hessian: what {@link NewtonCg} needs of second derivatives, as scipy's {@code hessp}. A
 * {@link DifferentiableFunction} that also implements it ({@link Rosenbrock}, {@link NetworkFunction})
 * gives Newton-CG its products; otherwise Newton-CG forms them by differences of the gradient.
 */
@FunctionalInterface
public interface HessianVectorProduct {

    /** Writes {@code ∇²f(x)·v} into {@code out}, all three of one length; changes neither x nor v. */
    void hessianTimes(double[] x, double[] v, double[] out);
}
