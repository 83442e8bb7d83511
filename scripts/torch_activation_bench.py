#!/usr/bin/python3
"""PyTorch's own ReLU, SiLU and Mish timed like `./mish bench activation` does, for a side-by-side comparison.

Runs with Debian's python3-torch (`apt-get install python3-torch`); prints one JSON object with the same keys
as the Java benchmark. Same procedure: forward under autograd, backward from a gradient of ones, rounds that
interleave the variants, the median; peak memory first, with glibc's mapping threshold pinned at 1 MiB.
"""
import argparse
import ctypes
import json
import statistics
import time

import torch
import torch.nn.functional as F


def rss(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    return -1


def mallopt(mmap_threshold, trim_threshold):
    libc = ctypes.CDLL("libc.so.6")
    return libc.mallopt(-3, mmap_threshold) == 1 and libc.mallopt(-1, trim_threshold) == 1


def one_pass(fn, x, backward):
    start = time.perf_counter()
    y = fn(x)
    mid = time.perf_counter()
    if backward:
        y.backward(torch.ones_like(y))
    end = time.perf_counter()
    return (mid - start) * 1e3, (end - start) * 1e3


def peak(fn, x, backward):
    one_pass(fn, x, backward)
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    before = rss("VmRSS:")
    one_pass(fn, x, backward)
    return (rss("VmHWM:") - before) / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shape", default="128,64,32,32")
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    shape = [int(d) for d in args.shape.split(",")]
    variants = [("torch-relu", F.relu), ("torch-silu", F.silu), ("torch-mish", F.mish)]
    torch.manual_seed(1)
    x = (torch.randn(*shape) * 3).requires_grad_(True)
    peaks = {}
    if mallopt(1 << 20, 1 << 20):
        for name, fn in variants:
            peaks[name] = (peak(fn, x, False), peak(fn, x, True))
        mallopt(32 << 20, 64 << 20)
    times = {name: ([], []) for name, _ in variants}
    for round_ in range(-args.warmup, args.rounds):
        for name, fn in variants:
            fwd, both = one_pass(fn, x, True)
            if round_ >= 0:
                times[name][0].append(fwd)
                times[name][1].append(both)
    results = []
    for name, _ in variants:
        fwd, both = times[name]
        pf, pb = peaks.get(name, (float("nan"), float("nan")))
        results.append({"name": name, "forward_ms": round(statistics.median(fwd), 2),
                        "forward_backward_ms": round(statistics.median(both), 2),
                        "peak_mib": round(pb, 2), "peak_forward_mib": round(pf, 2),
                        "description": "PyTorch %s from Python (Debian)" % torch.__version__})
    print(json.dumps({"shape": shape, "dtype": "float32", "threads": args.threads, "results": results}))


if __name__ == "__main__":
    main()
