"""Runs a PyTorch yardstick script and reports each epoch's CPU seconds beside its wall seconds.

Usage: /usr/bin/python3 bench/pytorch_timed.py SCRIPT [args...]
The yardsticks time an epoch with two calls of time.perf_counter(); here that clock is the process's CPU time, so
their "epoch N time S" lines give CPU seconds (steady on a loaded machine, comparable with EpochBench's thread CPU
time), and "wall epoch N time S" lines follow with the wall seconds of the same epochs.
"""
import runpy, sys, time

walls = []
wall_clock = time.monotonic


def cpu_clock():
    walls.append(wall_clock())
    return time.process_time()


time.perf_counter = cpu_clock
script = sys.argv[1]
sys.argv = sys.argv[1:]
try:
    runpy.run_path(script, run_name="__main__")
finally:
    for i in range(0, len(walls) - 1, 2):
        print(f"wall epoch {i // 2} time {walls[i + 1] - walls[i]:.2f}s", flush=True)
