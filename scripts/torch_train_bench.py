#!/usr/bin/python3
"""PyTorch's own training step on the same ResNet-20 (v1, Keras-example layout) with ReLU and Mish, timed like
`./mish bench train` (SGD step on a fixed batch, rounds interleaving the variants, the median).

Runs with Debian's python3-torch; prints one JSON object with the keys of `./mish bench train --format json`.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, cout, stride, act):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1)
        self.b2 = nn.BatchNorm2d(cout)
        self.short = nn.Conv2d(cin, cout, 1, stride) if stride != 1 else nn.Identity()
        self.act = act

    def forward(self, x):
        y = self.act(self.b1(self.c1(x)))
        return self.act(self.b2(self.c2(y)) + self.short(x))


def resnet20(act):
    layers = [nn.Conv2d(3, 16, 3, 1, 1), nn.BatchNorm2d(16), act]
    cin = 16
    for stage, cout in enumerate([16, 32, 64]):
        for i in range(3):
            layers.append(Block(cin, cout, 2 if stage > 0 and i == 0 else 1, act))
            cin = cout
    layers += [nn.AvgPool2d(8), nn.Flatten(), nn.Linear(64, 10)]
    return nn.Sequential(*layers)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(5)
    x = torch.randn(args.batch, 3, 32, 32)
    y = torch.randint(0, 10, (args.batch,))
    variants = [("torch-relu", nn.ReLU()), ("torch-mish", nn.Mish())]
    nets = []
    for name, act in variants:
        net = resnet20(act)
        nets.append((name, net, torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)))
    times = {name: [] for name, _, _ in nets}
    for round_ in range(-args.warmup, args.rounds):
        for name, net, opt in nets:
            start = time.perf_counter()
            opt.zero_grad()
            F.cross_entropy(net(x), y).backward()
            opt.step()
            if round_ >= 0:
                times[name].append((time.perf_counter() - start) * 1e3)
    results = []
    for name, _, _ in nets:
        ms = statistics.median(times[name])
        results.append({"activation": name, "step_ms": round(ms, 2), "steps_per_second": round(1000 / ms, 3)})
    print(json.dumps({"architecture": "resnet20-v1", "batch": args.batch, "threads": args.threads,
                      "results": results}))


if __name__ == "__main__":
    main()
