"""Reference values for MeanSquaredError's reductions: mse.json beside this script.

Sources, one forward and one backward each, in float64:
- PyTorch: torch.nn.MSELoss(reduction='mean') and (reduction='sum'), the loss and d(loss)/d(outputs);
- the book: sum_squared_error of common/functions.py of "Deep Learning from Scratch"
  (oreilly-japan/deep-learning-from-scratch), imported from a clone whose path is the first argument
  (nothing of it is copied here); its gradient, which the book does not write, is y - t;
- Nielsen: the quadratic cost of network2.py, QuadraticCost.fn(a, y) = 0.5 * ||a - y||^2 per
  example, averaged over the batch as network2.py's total_cost does, and its delta (a - y) / n
  (network.py's cost_derivative over a mini-batch of n), written out here in NumPy.

Run: /usr/bin/python3 mse.py PATH/TO/deep-learning-from-scratch  (Debian's python3-torch and
python3-numpy). Tests read only the JSON.
"""

import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def flat(a):
    return np.asarray(a, dtype=np.float64).ravel().tolist()


def main():
    sys.path.insert(0, sys.argv[1])
    from common import functions  # the book's own function

    rng = np.random.default_rng(15)
    cases = []
    for shape in ((4, 3), (5,), (2, 3, 2, 2)):
        a = rng.normal(0.0, 1.5, shape)
        t = rng.normal(0.0, 1.0, shape)
        for reduction in ("mean", "sum"):
            x = torch.from_numpy(a.copy()).requires_grad_(True)
            loss = torch.nn.MSELoss(reduction=reduction)(x, torch.from_numpy(t))
            loss.backward()
            cases.append({"name": "torch %s %s" % (reduction, shape),
                          "source": "torch.nn.MSELoss(reduction='%s')" % reduction,
                          "reduction": "MEAN" if reduction == "mean" else "SUM", "shape": list(shape),
                          "outputs": flat(a), "targets": flat(t), "loss": loss.item(), "grad": flat(x.grad)})
        cases.append({"name": "book %s" % (shape,), "source": "book sum_squared_error(y, t)",
                      "reduction": "HALF_SUM", "shape": list(shape), "outputs": flat(a), "targets": flat(t),
                      "loss": float(functions.sum_squared_error(a, t)), "grad": flat(a - t)})
        n = shape[0]
        per_example = [0.5 * np.linalg.norm(a[i] - t[i]) ** 2 for i in range(n)]
        cases.append({"name": "nielsen %s" % (shape,), "source": "network2.py QuadraticCost over a batch",
                      "reduction": "NIELSEN", "shape": list(shape), "outputs": flat(a), "targets": flat(t),
                      "loss": float(sum(per_example) / n), "grad": flat((a - t) / n)})
    with open(os.path.join(HERE, "mse.json"), "w") as f:
        json.dump({"made_by": "mse.py with torch " + torch.__version__ + " and numpy " + np.__version__,
                   "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
