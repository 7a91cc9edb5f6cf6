"""CPU instructions per report (valgrind's callgrind), for comparing trees on a noisy machine.

    python bench/instructions.py [--kind .txt] [TREE ...]

On a shared machine even CPU-time rates swing ±20 % from run to run; an instruction count
does not. Each TREE (a checkout of nianbao-lint; default: this one) lints the same reports
(bench.py's text corpus, or the seeds and two generated reports written as --kind) once and
twice in a process under callgrind; the difference over the reports is the instructions a
report costs, start-up and warm-up excluded. Slow (a minute or two per tree); needs valgrind.
Instructions are not time (cache misses, branch mispredictions), but a change that removes a
third of them is a change that makes the linter faster.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run under callgrind in the tree's own code: writes the reports, lints them once to warm up,
# then `passes` times more.
_CHILD = """
import sys
from pathlib import Path
tree, kind, folder, passes = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
sys.path[:0] = [tree, tree + "/tests", tree + "/bench"]
import bench, reportgen, writers
from linter.engine import lint_path
from linter.rules import select
if kind == "corpus":
    paths = bench.corpus(folder)
else:
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(tree, "seeds").glob("*.txt"))]
    texts += [reportgen.build(), reportgen.build(reportgen.ReportSpec(version="2019", year=2020))]
    paths = []
    for i, text in enumerate(texts):
        paths.append(folder / f"r{i}{kind}")
        writers.WRITERS[kind](writers.blocks_from_text(text), paths[-1])
rules = select()
for _ in range(1 + passes):
    for path in paths:
        lint_path(path, rules)
print(len(paths), file=sys.stderr)
"""


def instructions(tree: Path, kind: str, passes: int) -> tuple[int, int]:
    """(instructions of the whole process, reports linted per pass)."""
    with tempfile.TemporaryDirectory() as folder:
        run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                              sys.executable, "-c", _CHILD, str(tree), kind, folder, str(passes)],
                             capture_output=True, text=True, check=True)
    total = int(re.search(r"refs:\s*([\d,]+)", run.stderr)[1].replace(",", ""))
    reports = int(re.search(r"^(\d+)$", run.stderr, re.M)[1])
    return total, reports


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", default="corpus", help="corpus (bench.py's text corpus) or .txt .md .html .docx .pdf")
    parser.add_argument("trees", nargs="*", type=Path, default=[ROOT])
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    first = None
    for tree in args.trees:
        (one, reports), (two, _) = instructions(tree, args.kind, 1), instructions(tree, args.kind, 2)
        per_report = (two - one) / reports
        first = first or per_report
        print(f"{tree}: {per_report / 1e6:.2f} M instructions a report ({args.kind}, {reports} reports), "
              f"{first / per_report:.2f}x the first tree's rate")


if __name__ == "__main__":
    main()
