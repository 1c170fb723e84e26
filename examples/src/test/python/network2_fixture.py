"""One mini-batch step of Michael Nielsen's network2.py, the fixture of NielsenNetwork2Test.

Run from the repository root:
    /usr/bin/python3 examples/src/test/python/network2_fixture.py

It writes examples/src/test/resources/org/bricknet/examples/network2-before.json (a network in
network2.py's save format), network2-after.json (the same network after one update_mini_batch) and
network2-step.json (the mini-batch, eta, lmbda, n and total_cost before the step). The functions
below are network2.py's (Python 3 spelling), unchanged in what they compute.
"""
import json

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


class CrossEntropyCost(object):
    @staticmethod
    def fn(a, y):
        return np.sum(np.nan_to_num(-y * np.log(a) - (1 - y) * np.log(1 - a)))

    @staticmethod
    def delta(z, a, y):
        return (a - y)


class Network(object):
    def __init__(self, sizes, rng):
        self.num_layers = len(sizes)
        self.sizes = sizes
        self.biases = [rng.standard_normal((y, 1)) for y in sizes[1:]]
        self.weights = [rng.standard_normal((y, x)) / np.sqrt(x) for x, y in zip(sizes[:-1], sizes[1:])]
        self.cost = CrossEntropyCost

    def feedforward(self, a):
        for b, w in zip(self.biases, self.weights):
            a = sigmoid(np.dot(w, a) + b)
        return a

    def update_mini_batch(self, mini_batch, eta, lmbda, n):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
        self.weights = [(1 - eta * (lmbda / n)) * w - (eta / len(mini_batch)) * nw
                        for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / len(mini_batch)) * nb for b, nb in zip(self.biases, nabla_b)]

    def backprop(self, x, y):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        activation = x
        activations = [x]
        zs = []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        delta = (self.cost).delta(zs[-1], activations[-1], y)
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        for l in range(2, self.num_layers):
            z = zs[-l]
            sp = sigmoid_prime(z)
            delta = np.dot(self.weights[-l + 1].transpose(), delta) * sp
            nabla_b[-l] = delta
            nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
        return (nabla_b, nabla_w)

    def total_cost(self, data, lmbda):
        cost = 0.0
        for x, y in data:
            a = self.feedforward(x)
            cost += self.cost.fn(a, y) / len(data)
        cost += 0.5 * (lmbda / len(data)) * sum(np.linalg.norm(w) ** 2 for w in self.weights)
        return cost

    def save_dict(self):
        return {"sizes": self.sizes,
                "weights": [w.tolist() for w in self.weights],
                "biases": [b.tolist() for b in self.biases],
                "cost": str(self.cost.__name__)}


def vectorized_result(j, k):
    e = np.zeros((k, 1))
    e[j] = 1.0
    return e


rng = np.random.default_rng(2)
net = Network([5, 4, 3], rng)
xs = rng.uniform(0, 1, (3, 5))
labels = [2, 0, 1]
batch = [(x.reshape(5, 1), vectorized_result(j, 3)) for x, j in zip(xs, labels)]
eta, lmbda, n = 0.5, 5.0, 50
out = "examples/src/test/resources/org/bricknet/examples/"
with open(out + "network2-before.json", "w") as f:
    json.dump(net.save_dict(), f)
step = {"inputs": xs.tolist(), "labels": labels, "eta": eta, "lmbda": lmbda, "n": n,
        "total_cost_before": net.total_cost(batch, lmbda)}
net.update_mini_batch(batch, eta, lmbda, n)
with open(out + "network2-after.json", "w") as f:
    json.dump(net.save_dict(), f)
with open(out + "network2-step.json", "w") as f:
    json.dump(step, f, indent=1)
