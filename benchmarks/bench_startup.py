"""CLI start-up time: `sanctions-graph --help` must answer in under 0.5 s.

Run: python benchmarks/bench_startup.py [--runs N]
Prints the median and the worst wall-clock time over N runs of `python -m sanctions_graph --help`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def measure(runs: int) -> list[float]:
    """Wall-clock seconds of each run of the CLI's --help in a fresh interpreter."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "sanctions_graph", "--help"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    times = measure(args.runs)
    print(f"--help: median {statistics.median(times):.3f} s, max {max(times):.3f} s "
          f"over {args.runs} runs (target < 0.5 s)")


if __name__ == "__main__":
    main()
