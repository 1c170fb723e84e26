"""Reference trajectories for the optimizers' conventions: optimizers.json beside this script.

Each case runs five steps of one update rule, as its source computes it, on one problem: a weight
W (2x3) and a bias b (3,) whose gradient is g = scale * (a * (w - c) + 0.1 * w * w * w) (element by
element, in that order, so that Java computes the same bits). Sources:

- PyTorch: torch.optim.* on float64 tensors (foreach=False, the single-tensor code path);
- the book: the classes of common/optimizer.py of "Deep Learning from Scratch"
  (oreilly-japan/deep-learning-from-scratch, after its Nesterov fix of January 2021), imported from
  a clone of that repository whose path is the first argument; nothing of it is copied here.

Run: /usr/bin/python3 optimizers.py PATH/TO/deep-learning-from-scratch  (Debian's python3-torch and
python3-numpy). Tests read only the JSON.
"""

import json
import os
import sys

import numpy as np
import torch

STEPS = 5
W0 = np.array([[0.8, 1.2, 0.6], [1.4, 0.9, 1.1]])
B0 = np.array([0.7, 1.3, 0.5])
A = {"W": np.array([[1.0, 0.5, 2.0], [1.5, 0.75, 1.25]]), "b": np.array([0.6, 1.8, 1.1])}
C = {"W": np.array([[-2.0, 3.0, -1.0], [2.5, -3.0, 1.5]]), "b": np.array([2.0, -2.5, -1.5])}


def gradient(key, w, scale):
    a, c = A[key], C[key]
    return scale * (a * (w - c) + 0.1 * w * w * w)


def run_torch(make, scale):
    W = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(B0, dtype=torch.float64, requires_grad=True)
    opt = make([W, b])
    steps = []
    for _ in range(STEPS):
        for key, p in (("W", W), ("b", b)):
            p.grad = torch.from_numpy(gradient(key, p.detach().numpy().copy(), scale))
        opt.step()
        steps.append({"W": W.detach().numpy().ravel().tolist(), "b": b.detach().numpy().tolist()})
    return steps


def run_book(opt, scale):
    params = {"W": W0.copy(), "b": B0.copy()}
    steps = []
    for _ in range(STEPS):
        grads = {k: gradient(k, v.copy(), scale) for k, v in params.items()}
        opt.update(params, grads)
        steps.append({"W": params["W"].ravel().tolist(), "b": params["b"].tolist()})
    return steps


def main():
    sys.path.insert(0, sys.argv[1])
    from common import optimizer as book  # the book's own classes

    o = torch.optim
    cases = []

    def case(name, source, optimizer, lr, hyper, scale, steps):
        cases.append(
            {"name": name, "source": source, "optimizer": optimizer, "lr": lr, "hyper": hyper,
             "scale": scale, "steps": steps})

    for scale in (1.0, 1e-6):
        s = "" if scale == 1.0 else " tiny"
        case("sgd torch" + s, "torch.optim.SGD(lr=0.05)", "sgd", 0.05, {}, scale,
             run_torch(lambda p: o.SGD(p, lr=0.05, foreach=False), scale))
        case("sgd book" + s, "book SGD(lr=0.05)", "sgd", 0.05, {}, scale, run_book(book.SGD(lr=0.05), scale))
        case("momentum torch" + s, "torch.optim.SGD(lr=0.05, momentum=0.9)", "momentum", 0.05, {}, scale,
             run_torch(lambda p: o.SGD(p, lr=0.05, momentum=0.9, foreach=False), scale))
        case("momentum book" + s, "book Momentum(lr=0.05)", "momentum", 0.05, {}, scale,
             run_book(book.Momentum(lr=0.05), scale))
        case("momentum 0.5 torch" + s, "torch.optim.SGD(lr=0.05, momentum=0.5)", "momentum", 0.05,
             {"momentum": "0.5"}, scale,
             run_torch(lambda p: o.SGD(p, lr=0.05, momentum=0.5, foreach=False), scale))
        case("nesterov torch" + s, "torch.optim.SGD(lr=0.05, momentum=0.9, nesterov=True)", "nesterov", 0.05,
             {}, scale, run_torch(lambda p: o.SGD(p, lr=0.05, momentum=0.9, nesterov=True, foreach=False), scale))
        case("nesterov book" + s, "book Nesterov(lr=0.05)", "nesterov", 0.05, {}, scale,
             run_book(book.Nesterov(lr=0.05), scale))
        case("nesterov 0.7 torch" + s, "torch.optim.SGD(lr=0.05, momentum=0.7, nesterov=True)", "nesterov",
             0.05, {"momentum": "0.7"}, scale,
             run_torch(lambda p: o.SGD(p, lr=0.05, momentum=0.7, nesterov=True, foreach=False), scale))
        case("adagrad torch" + s, "torch.optim.Adagrad(lr=0.1)", "adagrad", 0.1, {"convention": "pytorch"},
             scale, run_torch(lambda p: o.Adagrad(p, lr=0.1, foreach=False), scale))
        case("adagrad book" + s, "book AdaGrad(lr=0.1)", "adagrad", 0.1, {}, scale,
             run_book(book.AdaGrad(lr=0.1), scale))
        case("adagrad eps 1e-3 torch" + s, "torch.optim.Adagrad(lr=0.1, eps=1e-3)", "adagrad", 0.1,
             {"eps": "1e-3"}, scale, run_torch(lambda p: o.Adagrad(p, lr=0.1, eps=1e-3, foreach=False), scale))
        case("rmsprop torch" + s, "torch.optim.RMSprop(lr=0.01)", "rmsprop", 0.01, {"convention": "pytorch"},
             scale, run_torch(lambda p: o.RMSprop(p, lr=0.01, foreach=False), scale))
        case("rmsprop book" + s, "book RMSprop(lr=0.01)", "rmsprop", 0.01, {}, scale,
             run_book(book.RMSprop(lr=0.01), scale))
        case("rmsprop 0.9 eps 1e-6 torch" + s, "torch.optim.RMSprop(lr=0.01, alpha=0.9, eps=1e-6)", "rmsprop",
             0.01, {"decay_rate": "0.9", "eps": "1e-6"}, scale,
             run_torch(lambda p: o.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6, foreach=False), scale))
        case("adam torch" + s, "torch.optim.Adam(lr=0.01)", "adam", 0.01, {"convention": "pytorch"}, scale,
             run_torch(lambda p: o.Adam(p, lr=0.01, foreach=False), scale))
        case("adam book" + s, "book Adam(lr=0.01)", "adam", 0.01, {}, scale, run_book(book.Adam(lr=0.01), scale))
        case("adam book betas" + s, "book Adam(lr=0.01, beta1=0.8, beta2=0.99)", "adam", 0.01,
             {"beta1": "0.8", "beta2": "0.99"}, scale,
             run_book(book.Adam(lr=0.01, beta1=0.8, beta2=0.99), scale))
        case("adam betas eps torch" + s, "torch.optim.Adam(lr=0.01, betas=(0.8, 0.99), eps=1e-6)", "adam", 0.01,
             {"convention": "pytorch", "beta1": "0.8", "beta2": "0.99", "eps": "1e-6"}, scale,
             run_torch(lambda p: o.Adam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-6, foreach=False), scale))
        case("adam l2 torch" + s, "torch.optim.Adam(lr=0.01, weight_decay=0.1)", "adam", 0.01,
             {"convention": "pytorch", "l2": "0.1", "l2_covers": "all"}, scale,
             run_torch(lambda p: o.Adam(p, lr=0.01, weight_decay=0.1, foreach=False), scale))
        case("adamw torch" + s, "torch.optim.AdamW(lr=0.01)", "adamw", 0.01, {"convention": "pytorch"}, scale,
             run_torch(lambda p: o.AdamW(p, lr=0.01, foreach=False), scale))
        case("adamw 0.5 torch" + s, "torch.optim.AdamW(lr=0.01, weight_decay=0.5)", "adamw", 0.01,
             {"convention": "pytorch", "weight_decay": "0.5"}, scale,
             run_torch(lambda p: o.AdamW(p, lr=0.01, weight_decay=0.5, foreach=False), scale))
        case("sgd l2 torch" + s, "torch.optim.SGD(lr=0.05, weight_decay=0.1)", "sgd", 0.05,
             {"l2": "0.1", "l2_covers": "all"}, scale,
             run_torch(lambda p: o.SGD(p, lr=0.05, weight_decay=0.1, foreach=False), scale))

    out = {
        "made_by": "optimizers.py with torch " + torch.__version__ + " and numpy " + np.__version__,
        "W0": W0.ravel().tolist(),
        "b0": B0.tolist(),
        "a_W": A["W"].ravel().tolist(),
        "a_b": A["b"].tolist(),
        "c_W": C["W"].ravel().tolist(),
        "c_b": C["b"].tolist(),
        "cases": cases,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "optimizers.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
