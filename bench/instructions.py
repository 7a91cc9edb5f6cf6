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
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import bench  # noqa: E402  (the reports are written here, by this tree's bench; each TREE only lints them)

# Run under callgrind in the tree's own code: lints the reports listed in a file once to warm
# up, then `passes` times more.
_CHILD = """
import sys
from pathlib import Path
tree, listed, passes = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
sys.path[:0] = [tree]
from linter.engine import lint_path
from linter.rules import select
paths, rules = [Path(line) for line in listed.read_text(encoding="utf-8").splitlines()], select()
for _ in range(1 + passes):
    for path in paths:
        lint_path(path, rules)
"""


def instructions(tree: Path, listed: Path, passes: int) -> int:
    """Instructions of a whole process that lints the reports listed 1 + passes times."""
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                          sys.executable, "-c", _CHILD, str(tree), str(listed), str(passes)],
                         capture_output=True, text=True, check=True)
    return int(re.search(r"refs:\s*([\d,]+)", run.stderr)[1].replace(",", ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", default="corpus", help="corpus (bench.py's text corpus) or .txt .md .html .docx .pdf")
    parser.add_argument("trees", nargs="*", type=Path, default=[ROOT])
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = bench.corpus(folder) if args.kind == "corpus" else bench.kind_documents(folder, args.kind)
        listed = folder / "reports.list"
        listed.write_text("\n".join(map(str, paths)), encoding="utf-8")
        first = None
        for tree in args.trees:
            per_report = (instructions(tree, listed, 2) - instructions(tree, listed, 1)) / len(paths)
            first = first or per_report
            print(f"{tree}: {per_report / 1e6:.2f} M instructions a report ({args.kind}, {len(paths)} reports), "
                  f"{first / per_report:.2f}x the first tree's rate")


if __name__ == "__main__":
    main()
