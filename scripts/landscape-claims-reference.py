#!/usr/bin/python3
"""Fig. 4's claims recomputed from the committed loss surfaces, independently of the Java statistics (notebook 06).

For each surface: the mean rise of the loss over the points with |a|, |b| <= 0.5 (the centre included) above the
centre loss, an overflowed point counting as the plane's largest finite loss (as LossLandscape.Surface.meanRise).
Then, per claim, Mish - other paired by seed: the mean with its 95% t interval, the paired t-test, the difference 80%
power would need (noncentral t) before Holm and at Holm's strictest step, and Holm's adjusted p over the family.

Usage: scripts/landscape-claims-reference.py ARCH FAMILY [FOLDER]
  ARCH    resnet20 or wrn-10-2
  FAMILY  the number of hypotheses Holm corrects over (ResNet-20: 4, its 2 claims read at 3 and 5 seeds;
          WRN-10-2: 2, read once)
  FOLDER  the results folder (default notebooks/results/table2-cpu)
Needs Debian's python3-scipy and python3-numpy.
"""
import glob
import json
import sys

import numpy as np
from scipy import stats
from scipy.optimize import brentq

arch, family = sys.argv[1], int(sys.argv[2])
folder = sys.argv[3] if len(sys.argv) > 3 else "notebooks/results/table2-cpu"

rise = {}
for path in sorted(glob.glob(f"{folder}/landscape/{arch}_*.json")):
    s = json.load(open(path))
    c = np.array(s["coordinates"])
    loss = np.array(s["loss"], dtype=float)
    loss = np.where(np.isfinite(loss), loss, np.nanmax(np.where(np.isfinite(loss), loss, np.nan)))
    near = (np.abs(c)[:, None] <= 0.5 + 1e-12) & (np.abs(c)[None, :] <= 0.5 + 1e-12)
    k = len(c) // 2
    rise.setdefault(s["activation"], {})[s["seed"]] = float((loss[near] - loss[k, k]).mean())
for activation, by_seed in sorted(rise.items()):
    print(activation, {seed: round(v, 4) for seed, v in sorted(by_seed.items())})

tests = []
for other in ("swish", "relu"):
    seeds = sorted(set(rise.get("mish", {})) & set(rise.get(other, {})))
    if len(seeds) < 2:
        print(f"mish - {other}: {len(seeds)} paired seed(s), not testable")
        continue
    d = np.array([rise["mish"][s] - rise[other][s] for s in seeds])
    n = len(d)
    se = d.std(ddof=1) / np.sqrt(n)
    t = d.mean() / se
    p = 2 * stats.t.sf(abs(t), n - 1)
    half = stats.t.ppf(0.975, n - 1) * se

    def needed(alpha):
        crit = stats.t.ppf(1 - alpha / 2, n - 1)
        power = lambda delta: (stats.nct.sf(crit, n - 1, delta / se)
                               + np.nan_to_num(stats.nct.cdf(-crit, n - 1, delta / se)) - 0.8)
        return brentq(power, 1e-9, 50 * se)

    print(f"mish - {other}: seeds {seeds}: {d.mean():+.4f} [{d.mean() - half:+.4f}, {d.mean() + half:+.4f}], "
          f"per seed {np.round(d, 4).tolist()}, t {t:.3f} on {n - 1} df, p {p:.5f}; 80% power needs "
          f"{needed(0.05):.4f} before Holm, {needed(0.05 / family):.4f} at its strictest step")
    tests.append((p, other))

adjusted = 0.0
for i, (p, other) in enumerate(sorted(tests)):
    adjusted = max(adjusted, min(1.0, p * (family - i)))
    print(f"Holm over {family}: mish - {other}: p {adjusted:.5f}")
