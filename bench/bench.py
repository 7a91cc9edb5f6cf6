"""Speed and memory of nianbao-lint; prints figures, asserts nothing (machines are shared).

    python bench/bench.py [--reports N] [--cold-runs K]

- reports/s on one core: the seeds and generated variants (three table serialisations,
  both formats, Traditional copies), linted in-process after one warm-up pass;
- single-file wall time of `python -m linter check` from a cold start (a new process);
- peak resident memory of the in-process run and of one cold-start run.
Targets (issue 2): ≥ 100 text reports/s; one file ≤ 0.5 s from a cold start.
"""

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import reportgen  # noqa: E402
from linter.engine import lint_path  # noqa: E402
from linter.rules import select  # noqa: E402


def corpus(folder: Path) -> list[Path]:
    import opencc

    paths = sorted((ROOT / "seeds").glob("*.txt"))
    to_traditional = opencc.OpenCC("s2twp")
    for version, year in (("2021", 2023), ("2019", 2020)):
        for style, suffix in (("rows", "txt"), ("cells", "txt"), ("markdown", "md")):
            text = reportgen.build(reportgen.ReportSpec(version=version, year=year), style)
            for variant, content in (("s", text), ("t", to_traditional.convert(text))):
                path = folder / f"gen_{version}_{style}_{variant}.{suffix}"
                path.write_text(content, encoding="utf-8")
                paths.append(path)
    return paths


def throughput(paths: list[Path], reports: int) -> tuple[float, float]:
    rules = select()
    for path in paths:  # warm-up: grammars built, rule files read
        lint_path(path, rules)
    chosen = [paths[i % len(paths)] for i in range(reports)]
    start = time.perf_counter()
    for path in chosen:
        lint_path(path, rules)
    elapsed = time.perf_counter() - start
    return reports / elapsed, elapsed


def cold_start(path: Path, runs: int) -> tuple[list[float], float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "linter", "check", str(path)], cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return times, peak_kb / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--cold-runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus(Path(tmp))
        seed = ROOT / "seeds" / "002_08e398edbd93b538.txt"
        times, cold_peak = cold_start(seed, args.cold_runs)
        rate, elapsed = throughput(paths, args.reports)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {len(paths)} distinct reports (5 seeds + {len(paths) - 5} generated), {args.reports} linted")
    print(f"throughput, one core: {rate:.0f} reports/s ({elapsed:.2f} s for {args.reports})  [target >= 100/s]")
    print(f"cold start, one file (seed 002): median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s over {len(times)} runs  [target <= 0.5 s]")
    print(f"peak memory: in-process run {peak:.0f} MB; cold-start process {cold_peak:.0f} MB")


if __name__ == "__main__":
    main()
