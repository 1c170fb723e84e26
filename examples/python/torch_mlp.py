"""Train a PyTorch MLP on bricknet's embedded digits and save it for `bricknet evaluate --from-torch`.

    /usr/bin/python3 examples/python/torch_mlp.py mlp.safetensors
    java -jar examples/target/bricknet.jar evaluate --model mlp.safetensors --from-torch

The digits are read from examples/src/main/resources/org/bricknet/examples/mnist-10k/ (IDX, gzip),
scaled to [0, 1] as bricknet scales them. The model, nn.Sequential(Linear(784, 100), ReLU(),
Linear(100, 10)) in float32, trains for 5 epochs of Adam (lr 0.001, batches of 100, seed 0); the
script prints the accuracy PyTorch computes on the 2,000 test digits (float32, and float64 from the
same weights) and saves model.state_dict() as safetensors.torch.save_file does (with that package
when it is installed, else the same bytes written here).
"""

import gzip
import json
import os
import struct
import sys

import numpy as np
import torch
from torch import nn

DIGITS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "org",
                      "bricknet", "examples", "mnist-10k")


def idx(name):
    with gzip.open(os.path.join(DIGITS, name + ".gz"), "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def save_file(state, path):
    try:
        from safetensors.torch import save_file as save
        save(state, path)
        return
    except ImportError:
        pass
    items = sorted(state.items())  # one dtype (F32): save_file orders by name
    header, data, offset = {}, b"", 0
    for name, t in items:
        raw = t.detach().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


def main():
    torch.manual_seed(0)
    x_train = torch.from_numpy(idx("train-images-idx3-ubyte").reshape(-1, 784) / 255.0).float()
    t_train = torch.from_numpy(idx("train-labels-idx1-ubyte").astype(np.int64))
    x_test = torch.from_numpy(idx("t10k-images-idx3-ubyte").reshape(-1, 784) / 255.0)
    t_test = torch.from_numpy(idx("t10k-labels-idx1-ubyte").astype(np.int64))
    model = nn.Sequential(nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 10))
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(5):
        order = torch.randperm(len(x_train))
        for i in range(0, len(x_train), 100):
            b = order[i:i + 100]
            opt.zero_grad()
            loss_fn(model(x_train[b]), t_train[b]).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        correct32 = (model(x_test.float()).argmax(1) == t_test).sum().item()
        correct64 = (model.double()(x_test).argmax(1) == t_test).sum().item()
    model.float()
    n = len(t_test)
    print("PyTorch float32: accuracy %d / %d = %.2f%%" % (correct32, n, 100.0 * correct32 / n))
    print("PyTorch float64: accuracy %d / %d = %.2f%%" % (correct64, n, 100.0 * correct64 / n))
    save_file(model.state_dict(), sys.argv[1])
    print("saved", sys.argv[1])


if __name__ == "__main__":
    main()
