"""PyTorch models saved as safetensors state_dicts, with the outputs PyTorch computes for them:
models.json and the *.safetensors files beside this script.

Each model is an nn.Sequential with seeded weights (BatchNorm's running statistics moved by three
training batches), saved as safetensors.torch.save_file(model.state_dict(), path) would save it:
float32 by default (and one float64 copy of the MLP). The file bytes are written here by hand in
safetensors' own layout (8-byte little-endian header length, JSON header with tensors sorted by
dtype then name and padded with spaces to a multiple of 8, then the raw little-endian data); when
the Python package safetensors is importable, the script checks that save_file writes the same
bytes. The reference outputs are PyTorch's, in evaluation mode and float64, from the very weights
the file holds (float32 values widened exactly), so a double-precision port can match them to
1e-12.

Run: /usr/bin/python3 models.py  (Debian's python3-torch and python3-numpy). Tests read only the
JSON and the safetensors files.
"""

import json
import os
import struct

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))

# Rank of each dtype in safetensors' Dtype enum; save_file sorts tensors by it, highest first.
DTYPES = {torch.float32: ("F32", 11), torch.float64: ("F64", 12), torch.int64: ("I64", 13)}


def safetensors_bytes(state):
    items = sorted(state.items(), key=lambda kv: (-DTYPES[kv[1].dtype][1], kv[0]))
    header, data, offset = {}, b"", 0
    for name, t in items:
        raw = t.detach().contiguous().numpy().tobytes()  # little-endian on this machine
        header[name] = {"dtype": DTYPES[t.dtype][0], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def save(state, name):
    path = os.path.join(HERE, name)
    blob = safetensors_bytes(state)
    with open(path, "wb") as f:
        f.write(blob)
    try:
        from safetensors.torch import save_file
    except ImportError:
        return
    check = path + ".check"
    save_file(state, check)
    with open(check, "rb") as f:
        assert f.read() == blob, "hand-written bytes differ from safetensors.torch.save_file's for " + name
    os.remove(check)


def modules_json(model):
    out = []
    for m in model:
        if isinstance(m, nn.Linear):
            out.append({"kind": "LINEAR"})
        elif isinstance(m, nn.Conv2d):
            out.append({"kind": "CONV2D", "stride": m.stride[0], "padding": m.padding[0]})
        elif isinstance(m, nn.MaxPool2d):
            out.append({"kind": "MAX_POOL_2D", "kernel": m.kernel_size, "stride": m.stride, "padding": m.padding})
        elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            kind = "BATCH_NORM_1D" if isinstance(m, nn.BatchNorm1d) else "BATCH_NORM_2D"
            out.append({"kind": kind, "eps": m.eps, "momentum": m.momentum})
        elif isinstance(m, nn.Dropout):
            out.append({"kind": "DROPOUT", "p": m.p})
        else:
            out.append({"kind": {nn.ReLU: "RELU", nn.Sigmoid: "SIGMOID", nn.Tanh: "TANH",
                                 nn.Flatten: "FLATTEN"}[type(m)]})
    return out


def case(name, model, file, input_shape, gen, dtype=torch.float32):
    model = model.to(dtype)
    for m in model:
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            with torch.no_grad():
                m.weight.uniform_(0.5, 1.5, generator=gen)
                m.bias.normal_(0.0, 0.5, generator=gen)
    model.train()
    with torch.no_grad():
        for _ in range(3):  # BatchNorm's running statistics away from 0 and 1
            model(torch.randn(8, *input_shape[1:], generator=gen, dtype=dtype) * 2 + 0.5)
    save(model.state_dict(), file)
    model = model.double().eval()
    x = torch.randn(*input_shape, generator=gen, dtype=torch.float64)
    with torch.no_grad():
        y = model(x)
    return {"name": name, "file": file, "source": repr(model).replace("\n", " "), "modules": modules_json(model),
            "input_shape": list(input_shape), "x": x.numpy().ravel().tolist(),
            "output_shape": list(y.shape), "y": y.numpy().ravel().tolist()}


def main():
    gen = torch.Generator().manual_seed(15)
    torch.manual_seed(15)
    cases = []
    mlp = nn.Sequential(nn.Linear(6, 5), nn.ReLU(), nn.Linear(5, 4), nn.ReLU(), nn.Linear(4, 3))
    cases.append(case("mlp float32", mlp, "mlp_f32.safetensors", (4, 6), gen))
    mlp.float()
    save({k: v.double() for k, v in mlp.state_dict().items()}, "mlp_f64.safetensors")
    cases.append(dict(cases[-1], name="mlp float64", file="mlp_f64.safetensors"))
    mixed = nn.Sequential(nn.Linear(6, 5), nn.BatchNorm1d(5), nn.Sigmoid(), nn.Dropout(0.3), nn.Linear(5, 4),
                          nn.Tanh(), nn.Linear(4, 3))
    cases.append(case("mlp with BatchNorm1d, Sigmoid, Dropout, Tanh", mixed, "mlp_mixed.safetensors", (4, 6), gen))
    cnn = nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.BatchNorm2d(3), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(3, 4, 2), nn.Tanh(), nn.Flatten(), nn.Dropout(0.25), nn.Linear(36, 8),
                        nn.BatchNorm1d(8, eps=1e-3, momentum=0.2), nn.Sigmoid(), nn.Linear(8, 5))
    cases.append(case("cnn", cnn, "cnn.safetensors", (2, 2, 8, 8), gen))
    strided = nn.Sequential(nn.Conv2d(1, 2, 3, stride=2, padding=1), nn.ReLU(), nn.MaxPool2d(3, stride=2, padding=1),
                            nn.Flatten(), nn.Linear(8, 3))
    cases.append(case("cnn with stride and padding", strided, "cnn_strided.safetensors", (3, 1, 7, 7), gen))
    with open(os.path.join(HERE, "models.json"), "w") as f:
        json.dump({"made_by": "models.py with torch " + torch.__version__ + " and numpy " + np.__version__,
                   "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
