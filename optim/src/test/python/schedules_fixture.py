"""Learning rates per epoch from torch.optim.lr_scheduler, the fixture of LearningRateScheduleTest.

Run from the repository root:
    /usr/bin/python3 optim/src/test/python/schedules_fixture.py > optim/src/test/resources/org/bricknet/optim/training/schedules.json

Each schedule is stepped once per epoch; "rates"[e - 1] is the rate of epoch e (bricknet counts from 1,
PyTorch's epoch counter from 0). ReduceLROnPlateau is given the "metric" of each epoch after it ends.
"""
import json

import torch


def rates(make, epochs, metric=None):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.1)
    sched = make(opt)
    out = []
    for e in range(epochs):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        if metric is None:
            sched.step()
        else:
            sched.step(metric[e])
    return out


S = torch.optim.lr_scheduler
loss = [1.0, 0.8, 0.79995, 0.81, 0.9, 0.7, 0.71, 0.72, 0.73, 0.74, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]
accuracy = [0.5, 0.6, 0.6, 0.6, 0.61, 0.61, 0.61, 0.61, 0.7, 0.7, 0.7, 0.7]
fixture = {
    "torch": torch.__version__,
    "initial_rate": 0.1,
    "step_3_0.5": rates(lambda o: S.StepLR(o, step_size=3, gamma=0.5), 10),
    "exp_0.9": rates(lambda o: S.ExponentialLR(o, gamma=0.9), 10),
    "cosine_8_0.001": rates(lambda o: S.CosineAnnealingLR(o, T_max=8, eta_min=0.001), 8),
    "plateau_loss_0.5_2": {
        "metric": loss,
        "rates": rates(lambda o: S.ReduceLROnPlateau(o, mode="min", factor=0.5, patience=2), len(loss), loss),
    },
    "plateau_accuracy_0.1_1": {
        "metric": accuracy,
        "rates": rates(lambda o: S.ReduceLROnPlateau(o, mode="max", factor=0.1, patience=1), len(accuracy), accuracy),
    },
}
print(json.dumps(fixture, indent=1))
