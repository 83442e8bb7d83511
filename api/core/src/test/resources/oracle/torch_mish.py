"""PyTorch oracle for the Java tests: reads float32/float64 values, writes F.mish and its gradient.

Usage: torch_mish.py DTYPE IN OUT   (DTYPE float32|float64; IN, OUT raw little-endian arrays; OUT = y then grad)
Runs with Debian's python3-torch; never a runtime dependency of the library.
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

dtype = {"float32": (np.float32, torch.float32), "float64": (np.float64, torch.float64)}[sys.argv[1]]
x = torch.from_numpy(np.fromfile(sys.argv[2], dtype=dtype[0]).astype(dtype[0])).requires_grad_(True)
y = F.mish(x)
y.backward(torch.ones_like(y))
np.concatenate([y.detach().numpy(), x.grad.numpy()]).astype(dtype[0]).tofile(sys.argv[3])
