#!/usr/bin/env python3
"""`aftermath stats --json` against the reference Python script (tests/bench/reference.py) on
generated Statuspage exports, in the same run: wall time and peak memory of each, as `bench:`
lines with their ratios. Targets (not asserted: these machines are shared and noisy): wall
≤ 0.15×, peak memory ≤ 0.5×.

usage: cli_vs_python.py AFTERMATH_BINARY [COUNT ...]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(cmd):
    """Wall seconds and peak resident MiB of one run (the child's own rusage)."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{cmd[0]} failed ({status}): {child.stderr.read().decode()[:400]}")
    return wall, usage.ru_maxrss / 1024


def best_of(cmd, runs=3):
    results = [measure(cmd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def machine_speed():
    start = time.perf_counter()
    total = 0
    for i in range(5_000_000):
        total += i
    return (time.perf_counter() - start) * 1000


def main():
    cli = sys.argv[1]
    counts = [int(c) for c in sys.argv[2:]] or [40_000, 100_000]
    speed = machine_speed()
    with tempfile.TemporaryDirectory() as tmp:
        for n in counts:
            path = os.path.join(tmp, f"statuspage-{n}.json")
            subprocess.run([sys.executable, os.path.join(HERE, "gen_statuspage.py"), str(n), path], check=True)
            mb = os.path.getsize(path) / 1e6
            py_wall, py_mem = best_of([sys.executable, os.path.join(HERE, "reference.py"), path])
            am_wall, am_mem = best_of([cli, "stats", "--json", path])
            print(
                f"bench: cli stats --json on {n} Statuspage incidents ({mb:.0f} MB): aftermath {am_wall:.2f} s, "
                f"{am_mem:.0f} MiB peak; python reference {py_wall:.2f} s, {py_mem:.0f} MiB; "
                f"ratio wall {am_wall / py_wall:.2f} (target ≤ 0.15), memory {am_mem / py_mem:.2f} (target ≤ 0.5); "
                f"machine speed: a 5M-step Python loop took {speed:.0f} ms",
                flush=True,
            )


if __name__ == "__main__":
    main()
