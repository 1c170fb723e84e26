"""Reference values for BatchNormalization's and Dropout's conventions: batchnorm.json and
dropout.json beside this script.

Sources:
- PyTorch: torch.nn.BatchNorm1d / BatchNorm2d and torch.nn.functional.dropout on float64 tensors;
- the book: the classes BatchNormalization and Dropout of common/layers.py of "Deep Learning from
  Scratch" (oreilly-japan/deep-learning-from-scratch), imported from a clone of that repository whose
  path is the first argument; nothing of it is copied here.

Each BatchNorm case is one training forward on x, one backward of dout, then one evaluation forward
on x_eval; it records the outputs, the input gradient, dgamma, dbeta and the running statistics.
Each Dropout case records the mask the source drew (1 kept, 0 dropped), the training output, the
input gradient and the evaluation output.

Run: /usr/bin/python3 layers.py PATH/TO/deep-learning-from-scratch  (Debian's python3-torch and
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


def torch_bn(name, module, shape, rng, settings):
    module = module.double()
    f = module.num_features
    with torch.no_grad():
        module.weight.copy_(torch.from_numpy(rng.uniform(0.5, 2.0, f)))
        module.bias.copy_(torch.from_numpy(rng.normal(0.0, 1.0, f)))
    x = torch.from_numpy(rng.normal(0.5, 2.0, shape)).requires_grad_(True)
    dout = torch.from_numpy(rng.normal(0.0, 1.0, shape))
    x_eval = torch.from_numpy(rng.normal(0.5, 2.0, shape))
    module.train()
    y = module(x)
    y.backward(dout)
    module.eval()
    with torch.no_grad():
        y_eval = module(x_eval)
    return {
        "name": name, "source": repr(module), "settings": settings, "shape": list(shape),
        "gamma": flat(module.weight.detach()), "beta": flat(module.bias.detach()),
        "x": flat(x.detach()), "dout": flat(dout), "x_eval": flat(x_eval),
        "y": flat(y.detach()), "dx": flat(x.grad), "dgamma": flat(module.weight.grad),
        "dbeta": flat(module.bias.grad), "running_mean": flat(module.running_mean),
        "running_var": flat(module.running_var), "y_eval": flat(y_eval),
    }


def book_bn(name, layers, shape, rng):
    f = int(np.prod(shape[1:]))
    gamma = rng.uniform(0.5, 2.0, f)
    beta = rng.normal(0.0, 1.0, f)
    x = rng.normal(0.5, 2.0, shape)
    dout = rng.normal(0.0, 1.0, shape)
    x_eval = rng.normal(0.5, 2.0, shape)
    bn = layers.BatchNormalization(gamma.copy(), beta.copy())
    y = bn.forward(x.copy(), train_flg=True)
    dx = bn.backward(dout.copy())
    running_mean, running_var = bn.running_mean.copy(), bn.running_var.copy()
    y_eval = bn.forward(x_eval.copy(), train_flg=False)
    return {
        "name": name, "source": "book BatchNormalization(gamma, beta)", "settings": {"preset": "book"},
        "shape": list(shape), "gamma": flat(gamma), "beta": flat(beta), "x": flat(x), "dout": flat(dout),
        "x_eval": flat(x_eval), "y": flat(y), "dx": flat(dx), "dgamma": flat(bn.dgamma),
        "dbeta": flat(bn.dbeta), "running_mean": flat(running_mean), "running_var": flat(running_var),
        "y_eval": flat(y_eval),
    }


def torch_dropout(name, p, shape, rng):
    torch.manual_seed(7)
    x = torch.from_numpy(rng.uniform(0.5, 2.0, shape)).requires_grad_(True)  # never 0: y = 0 marks a drop
    dout = torch.from_numpy(rng.normal(0.0, 1.0, shape))
    y = torch.nn.functional.dropout(x, p=p, training=True)
    y.backward(dout)
    y_eval = torch.nn.functional.dropout(x.detach(), p=p, training=False)
    return {
        "name": name, "source": "torch.nn.functional.dropout(x, p=%s)" % p, "form": "INVERTED", "ratio": p,
        "shape": list(shape), "x": flat(x.detach()), "dout": flat(dout),
        "keep": flat((y.detach() != 0).double()), "y": flat(y.detach()), "dx": flat(x.grad),
        "y_eval": flat(y_eval),
    }


def book_dropout(name, layers, p, shape, rng):
    np.random.seed(7)
    x = rng.uniform(0.5, 2.0, shape)
    dout = rng.normal(0.0, 1.0, shape)
    d = layers.Dropout(dropout_ratio=p)
    y = d.forward(x.copy(), train_flg=True)
    keep = d.mask.astype(np.float64)
    dx = d.backward(dout.copy())
    y_eval = d.forward(x.copy(), train_flg=False)
    return {
        "name": name, "source": "book Dropout(dropout_ratio=%s)" % p, "form": "BOOK", "ratio": p,
        "shape": list(shape), "x": flat(x), "dout": flat(dout), "keep": flat(keep), "y": flat(y),
        "dx": flat(dx), "y_eval": flat(y_eval),
    }


def main():
    sys.path.insert(0, sys.argv[1])
    from common import layers  # the book's own classes

    rng = np.random.default_rng(2024)
    nn = torch.nn
    bn = [
        torch_bn("BatchNorm1d", nn.BatchNorm1d(3), (4, 3), rng, {"preset": "pytorch"}),
        torch_bn("BatchNorm2d", nn.BatchNorm2d(3), (2, 3, 2, 2), rng, {"preset": "pytorch"}),
        torch_bn("BatchNorm2d momentum 0.2 eps 1e-3", nn.BatchNorm2d(2, eps=1e-3, momentum=0.2), (3, 2, 2, 3),
                 rng, {"pytorch_momentum": 0.2, "eps": 1e-3, "unbiased": True}),
        book_bn("book on (N, D)", layers, (4, 3), rng),
        book_bn("book on images, per feature", layers, (4, 2, 2, 2), rng),
    ]
    dropout = [
        torch_dropout("torch p=0.3", 0.3, (4, 5), rng),
        torch_dropout("torch p=0.5 on images", 0.5, (2, 2, 3, 3), rng),
        book_dropout("book ratio 0.3", layers, 0.3, (4, 5), rng),
        book_dropout("book ratio 0.5 on images", layers, 0.5, (2, 2, 3, 3), rng),
    ]
    made_by = "layers.py with torch " + torch.__version__ + " and numpy " + np.__version__
    for name, cases in (("batchnorm.json", bn), ("dropout.json", dropout)):
        with open(os.path.join(HERE, name), "w") as f:
            json.dump({"made_by": made_by, "cases": cases}, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
