"""Cold start of `python -m linter check <one text file>`, compared across source trees in one run.

    python bench/cold_start.py [--runs K] [--file PATH] [--options "..."] [TREE ...]

Each TREE is a checkout of nianbao-lint (default: this one); the runs alternate between
the trees so that a busy machine disturbs them alike. Prints, per tree, the child's CPU
time (user + system) and wall time as min/median/max in ms, and each tree's median CPU
time as a ratio of the first tree's; `python -c pass` is measured as the floor. The
per-user cache (parsed rules, grammar) is warm: a first run fills it before timing. Each
tree's package is byte-compiled first, as an installed wheel is: with PYTHONDONTWRITEBYTECODE
set, a checkout would otherwise compile its sources on every start (~35 ms).
"""

import argparse
import compileall
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """(CPU ms, wall ms) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu * 1000, wall * 1000


def spread(values: list[float]) -> str:
    return f"{min(values):6.1f} / {statistics.median(values):6.1f} / {max(values):6.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="*", type=Path, default=[ROOT])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--file", type=Path, default=next((ROOT / "seeds").glob("002_*.txt")))
    parser.add_argument("--options", default="", help="more options for `check`, e.g. '--timeout 0'")
    args = parser.parse_args()
    commands = {"python -c pass": ([sys.executable, "-c", "pass"], ROOT)}
    for tree in args.trees:
        compileall.compile_dir(tree / "linter", quiet=1)
        check = ["check", *shlex.split(args.options), str(args.file.resolve())]
        commands[str(tree)] = ([sys.executable, "-m", "linter", *check], tree.resolve())
    for command, cwd in commands.values():  # fill the per-user cache, warm the page cache
        subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cpu = {name: [] for name in commands}
    wall = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, (command, cwd) in commands.items():
            used, took = timed(command, cwd)
            cpu[name].append(used)
            wall[name].append(took)
    print(f"cold start, one file ({args.file.name} {args.options}), {args.runs} runs each, load {os.getloadavg()[0]:.1f}")
    print(f"{'':40} {'CPU ms min / median / max':>26} {'wall ms min / median / max':>28}  CPU ratio")
    first = statistics.median(cpu[str(args.trees[0])])
    for name in commands:
        ratio = statistics.median(cpu[name]) / first
        print(f"{name[-40:]:40} {spread(cpu[name]):>26} {spread(wall[name]):>28}  {ratio:5.2f}")


if __name__ == "__main__":
    main()
