"""The web page and Word readers' own time per report, apart from the linting after them.

    python bench/reader_profile.py [--runs N] [--lint] [--profile SET] [--dump FILE]

Times `linter.readers.read` (CPU time, min/median/max of N passes) over the documents
bench/bench.py's "per input kind" figures lint (the seeds and two generated reports, written
as .txt, .html and .docx by tests/writers.py), the published pages of tests/corpus/real and
the CMS pages of tests/fixtures/pages. Targets (issue 12): ≤ 1.0 ms a report for the HTML
reader, ≤ 3.5 ms for the Word reader, on the bench's reports.
--lint: time the whole lint (engine.lint_path) instead: bench.py's per-kind figure, whose
  difference from txt is what the container costs.
--profile SET: cProfile of that set, the costliest functions by own time.
--dump FILE: every document's lines, locations and meta as JSON, to compare two versions.
"""

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import bench  # noqa: E402
from linter.engine import lint_path  # noqa: E402
from linter.readers import read  # noqa: E402
from linter.rules import select  # noqa: E402


def bench_documents(folder: Path) -> dict[str, list[Path]]:
    """The documents of bench.py's by_kind, as .txt, .html and .docx."""
    sets = {suffix[1:]: bench.kind_documents(folder, suffix) for suffix in (".txt", ".html", ".docx")}
    sets["real"] = sorted((ROOT / "tests" / "corpus" / "real").glob("*.html"))
    sets["pages"] = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html"))
    return sets


def per_report(paths: list[Path], runs: int, step) -> list[float]:
    """ms of CPU time per report of step(path), one figure a pass."""
    for path in paths:  # warm-up: imports
        step(path)
    figures = []
    for _ in range(runs):
        start = time.process_time()
        for path in paths:
            step(path)
        figures.append(1000 * (time.process_time() - start) / len(paths))
    return figures


def profile(paths: list[Path], runs: int) -> None:
    for path in paths:
        read(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        for path in paths:
            read(path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(18)


def dump(sets: dict[str, list[Path]], out: Path) -> None:
    documents = {}
    for paths in sets.values():
        for path in paths:
            document = read(path)
            documents[path.name] = {"meta": document.meta, "encoding": document.encoding,
                                    "lines": [[line.number, line.text, line.location] for line in document.lines]}
    out.write_text(json.dumps(documents, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lint", action="store_true")
    parser.add_argument("--profile", choices=("txt", "html", "docx", "real", "pages"))
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sets = bench_documents(Path(tmp))
        if args.dump:
            dump(sets, args.dump)
            return
        if args.profile:
            profile(sets[args.profile], args.runs)
            return
        rules = select()
        step = (lambda path: lint_path(path, rules)) if args.lint else read
        targets = {} if args.lint else {"html": " [target <= 1.0]", "docx": " [target <= 3.5]"}
        for name, paths in sets.items():
            figures = sorted(per_report(paths, args.runs, step))
            print(f"{name} ({len(paths)} files): ms a report, CPU "
                  f"{figures[0]:.2f}/{statistics.median(figures):.2f}/{figures[-1]:.2f} (min/median/max){targets.get(name, '')}")


if __name__ == "__main__":
    main()
