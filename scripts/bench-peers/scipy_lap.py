"""Peer for festmatch-bench lap: scipy.optimize.linear_sum_assignment on a .npy matrix.

usage: scipy_lap.py FILE.npy [--maximize]   prints {"rows","cols","objective","edges","ms"}
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

cost = np.load(sys.argv[1])
maximize = "--maximize" in sys.argv[2:]
start = time.perf_counter()
rows, cols = linear_sum_assignment(cost, maximize=maximize)
ms = (time.perf_counter() - start) * 1000.0
print(json.dumps({"rows": cost.shape[0], "cols": cost.shape[1],
                  "objective": float(cost[rows, cols].sum()), "edges": int(len(rows)), "ms": ms}))
