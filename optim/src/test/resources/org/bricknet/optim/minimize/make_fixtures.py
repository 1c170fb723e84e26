"""Reference numbers from scipy for the minimize package's tests.

Run from this directory with Debian's scipy 1.10.1 (/usr/bin/python3):

    /usr/bin/python3 make_fixtures.py

It writes scipy_fixtures.json here and decay_scipy.json into the examples module's test resources,
and prints the decay data as the Java literal that CurveFitDemo holds. The tests only read the
JSON files; they never need Python.
"""
import json
import os
import warnings

import numpy as np
import scipy
from scipy import optimize
from scipy.optimize import curve_fit, leastsq, minimize, rosen, rosen_der, rosen_hess_prod
from scipy.optimize._optimize import _float_formatter_10  # how OptimizeResult prints each array value

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "../../../../../../../../examples/src/test/resources/org/bricknet/examples/minimize")


def classic_start(n):
    return np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(n)])


def result(r):
    out = {"x": r.x.tolist(), "fun": float(r.fun), "nit": int(r.nit), "nfev": int(r.nfev),
           "njev": int(r.njev), "message": str(r.message), "success": bool(r.success)}
    if "nhev" in r:
        out["nhev"] = int(r.nhev)
    return out


def rosenbrock_cases():
    cases = {}
    for n in (2, 10):
        x0 = classic_start(n)
        cases["newton-cg-fd-%d" % n] = result(minimize(rosen, x0, method="Newton-CG", jac=rosen_der))
        cases["newton-cg-hessp-%d" % n] = result(
            minimize(rosen, x0, method="Newton-CG", jac=rosen_der, hessp=rosen_hess_prod))
        cases["lbfgsb-%d" % n] = result(minimize(rosen, x0, method="L-BFGS-B", jac=rosen_der))
        cases["lbfgsb-upper-0.5-%d" % n] = result(
            minimize(rosen, x0, method="L-BFGS-B", jac=rosen_der, bounds=[(None, 0.5)] * n))
        # the classic start lies outside [0, 0.5]: scipy clips it to the box first
        cases["lbfgsb-box-0-0.5-%d" % n] = result(
            minimize(rosen, x0, method="L-BFGS-B", jac=rosen_der, bounds=[(0.0, 0.5)] * n))
        cases["lbfgsb-lower-1.5-%d" % n] = result(
            minimize(rosen, x0, method="L-BFGS-B", jac=rosen_der, bounds=[(1.5, None)] * n))
    return cases


def decay(x, a, b, c):
    return a * np.exp(-b * x) + c


def decay_jac(p, x, y):
    a, b, c = p
    e = np.exp(-b * x)
    return np.column_stack([e, -a * x * e, np.ones_like(x)])


def decay_case():
    # scipy's curve_fit example: y = 2.5·exp(−1.3·x) + 0.5 plus noise of deviation 0.2, 50 samples on [0, 4];
    # the samples are rounded to 6 decimals so that Java can hold them exactly as printed
    xdata = np.linspace(0, 4, 50)
    rng = np.random.default_rng(17)
    ydata = np.round(decay(xdata, 2.5, 1.3, 0.5) + 0.2 * rng.normal(size=xdata.size), 6)
    p0 = [1.0, 1.0, 1.0]
    popt, pcov = curve_fit(decay, xdata, ydata, p0=p0)
    residuals = lambda p: decay(xdata, *p) - ydata
    x, cov_x, info, mesg, ier = leastsq(residuals, p0, full_output=True)
    xj, cov_xj, infoj, mesgj, ierj = leastsq(
        residuals, p0, Dfun=lambda p: decay_jac(p, xdata, ydata), full_output=True)
    return {
        "xdata": xdata.tolist(), "ydata": ydata.tolist(), "p0": p0,
        "popt": popt.tolist(), "pcov": pcov.tolist(),
        "leastsq": {"x": x.tolist(), "cov_x": cov_x.tolist(), "nfev": int(info["nfev"]), "ier": int(ier),
                    "message": mesg, "cost": float(0.5 * np.sum(info["fvec"] ** 2))},
        "leastsq_jac": {"x": xj.tolist(), "cov_x": cov_xj.tolist(), "nfev": int(infoj["nfev"]),
                        "njev": int(infoj["njev"]), "ier": int(ierj), "message": mesgj},
    }


def scalar_cases():
    sq1 = lambda x: (x - 1) ** 2
    sq = lambda x: x ** 2
    quad = lambda x: 10 * x ** 2 + 3 * x + 5
    out = {}
    for name, lo, hi in (("fminbound-(x-1)^2--4-4", -4, 4), ("fminbound-(x-1)^2-3-4", 3, 4)):
        x, fval, ierr, numfunc = optimize.fminbound(sq1, lo, hi, full_output=True)
        out[name] = {"x": float(x), "fun": float(fval), "status": int(ierr), "nfev": int(numfunc)}
    for name, brack in (("brent-x^2-(1,2)", (1, 2)), ("brent-x^2-(-1,0.5,2)", (-1, 0.5, 2)),
                        ("brent-(x-1)^2-default", None)):
        f = sq1 if brack is None else sq
        x, fval, nit, nfev = optimize.brent(f, brack=brack, full_output=True)
        out[name] = {"x": float(x), "fun": float(fval), "nit": int(nit), "nfev": int(nfev)}
    for name, brack in (("golden-x^2-(1,2)", (1, 2)), ("golden-x^2-(-1,0.5,2)", (-1, 0.5, 2))):
        res = optimize.minimize_scalar(sq, bracket=brack, method="golden")
        x, fval, nfev = optimize.golden(sq, brack=brack, full_output=True)
        out[name] = {"x": float(x), "fun": float(fval), "nit": int(res.nit), "nfev": int(nfev)}
    far = lambda x: (x - 10) ** 2
    for name, f in (("bracket-10x^2+3x+5-(0,1)", quad), ("bracket-(x-10)^2-(0,1)", far)):
        xa, xb, xc, fa, fb, fc, funcalls = optimize.bracket(f, xa=0, xb=1)
        out[name] = {"xa": xa, "xb": xb, "xc": xc, "fa": fa, "fb": fb, "fc": fc, "nfev": funcalls}
    return out


def printed_results():
    # str(OptimizeResult) as scipy prints it, with the fields it was printed from
    out = {}
    for n in (2, 10, 20):
        r = minimize(rosen, classic_start(n), method="Newton-CG", jac=rosen_der, hessp=rosen_hess_prod)
        out["newton-cg-hessp-%d" % n] = {"str": str(r), "x": r.x.tolist(), "fun": float(r.fun),
                                         "jac": r.jac.tolist(), "nit": int(r.nit), "nfev": int(r.nfev),
                                         "njev": int(r.njev), "nhev": int(r.nhev), "status": int(r.status)}
    return out


def numpy_formats():
    # how Python, NumPy and scipy print numbers: repr(float), print(array), OptimizeResult's array values
    reprs = [1e-05, 1e16, 1.2345678901234568e+17, 0.1, 1e22, -0.0, 2.8076498954082392e-12, 7.594812948946915,
             0.25, 100.0, 123456.789, 0.0001, 5e-324, 1.7976931348623157e308]
    sci3 = [1e-100, -0.0, 1.0, -5.419e-05, 123456.0, 0.0009995, 2.5e-5, 9.9995, float("nan"), float("inf"),
            float("-inf")]
    arrays = [[2.488179902077437, 1.2735682906273895, 0.4435187804621837], [1.0, 2.5, -0.125], [1e-5, 2.0],
              [0.5, 0.25], [1e10, 1.0], [0.0, 0.0], [float("inf"), 1.5], list(np.arange(30.0)), [-0.0, 3.0],
              [1e-300, -2.5e-7, 3.0], [123456789.0, 1.0]]
    matrices = [[[0.018144067733700916, 0.007197210225481359, -0.0010489374793325556],
                 [0.007197210225481359, 0.02297789246244997, 0.006869003332255568],
                 [-0.0010489374793325556, 0.006869003332255568, 0.0037460656113867787]],
                [[float("inf"), float("inf")], [float("inf"), float("inf")]], [[1e-5, 2.0], [3.0, 4.0]]]
    sci = [_float_formatter_10(x) for x in sci3]
    return {"repr": [[x, repr(x)] for x in reprs],
            "scientific3": [[x, s] for x, s in zip(sci3, sci)],
            "array": [[a, str(np.array(a))] for a in arrays],
            "matrix": [[m, str(np.array(m))] for m in matrices]}


def main():
    assert scipy.__version__ == "1.10.1", scipy.__version__
    warnings.simplefilter("error")
    decay_fit = decay_case()
    fixtures = {"scipy": scipy.__version__, "rosenbrock": rosenbrock_cases(), "decay": decay_fit,
                "scalar": scalar_cases(), "printed": printed_results(), "numpy": numpy_formats()}
    with open(os.path.join(HERE, "scipy_fixtures.json"), "w") as f:
        json.dump(fixtures, f, indent=1)
        f.write("\n")
    os.makedirs(EXAMPLES, exist_ok=True)
    with open(os.path.join(EXAMPLES, "decay_scipy.json"), "w") as f:
        json.dump({"scipy": scipy.__version__, "xdata": decay_fit["xdata"], "ydata": decay_fit["ydata"],
                   "popt": decay_fit["popt"], "pcov": decay_fit["pcov"]}, f, indent=1)
        f.write("\n")
    ys = ", ".join("%.6f" % y for y in decay_fit["ydata"])
    print("ydata for CurveFitDemo:\n" + ys)


if __name__ == "__main__":
    main()
