"""The real corpus (tests/corpus/real) against its hand labels, and its reading time.

    python bench/real_corpus.py [--rounds K]

Prints, for the published reports: how many there are, how many of the findings
expected.json asks for were raised, every stray error (target: all found, none stray), and
the time per report by container (min/median/max over K rounds; PDFs made by WPS are the
slow kind). Asserts nothing: bench.py prints the same as one of its parts.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from linter.engine import lint_path  # noqa: E402
from linter.rules import select  # noqa: E402
from test_real_corpus import EXPECTED, REAL  # noqa: E402


def labels() -> tuple[int, int, list[str]]:
    """(expected findings raised, expected findings, stray errors) over the corpus."""
    rules, found, wanted, stray = select(), 0, 0, []
    for name, spec in sorted(EXPECTED.items()):
        result = lint_path(REAL / name, rules)
        raised = {f.rule for f in result.findings}
        wanted += len(spec["must"])
        found += sum(bool(raised & set(alternatives.split("|"))) for alternatives in spec["must"])
        allowed = {rule for entry in spec["must"] + spec["allow"] for rule in entry.split("|")}
        stray += [f"{name}: {f.rule} line {f.line}: {f.message}" for f in result.findings
                  if f.severity == "error" and f.rule not in allowed]
        if result.status != "ok":
            stray.append(f"{name}: unreadable: {result.error}")
    return found, wanted, stray


def timings(rounds: int) -> dict[str, list[float]]:
    """Seconds per report, by container: for each round, the mean over that kind's reports."""
    rules = select()
    kinds: dict[str, list[Path]] = {}
    for name in EXPECTED:
        kinds.setdefault(Path(name).suffix, []).append(REAL / name)
    for paths in kinds.values():  # warm-up: readers imported, grammars built
        lint_path(paths[0], rules)
    per_kind = {suffix: [] for suffix in kinds}
    for _ in range(rounds):
        for suffix, paths in kinds.items():
            start = time.perf_counter()
            for path in paths:
                lint_path(path, rules)
            per_kind[suffix].append((time.perf_counter() - start) / len(paths))
    return per_kind


def report(rounds: int) -> None:
    found, wanted, stray = labels()
    print(f"real corpus: {len(EXPECTED)} published reports; expected findings raised {found}/{wanted}; "
          f"stray errors {len(stray)}  [target: all raised, 0 stray]")
    for line in stray:
        print(f"  stray: {line}")
    for suffix, seconds in timings(rounds).items():
        count = sum(Path(name).suffix == suffix for name in EXPECTED)
        ms = sorted(1000 * s for s in seconds)
        print(f"  {suffix} ({count} reports): {ms[0]:.1f} / {statistics.median(ms):.1f} / {ms[-1]:.1f} ms a report "
              f"(min/median/max over {rounds} rounds) = {1000 / statistics.median(ms):.0f} reports/s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    report(parser.parse_args().rounds)


if __name__ == "__main__":
    main()
