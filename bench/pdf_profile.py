"""Where the PDF reader's time goes, per stage, on the published PDFs of tests/corpus/real
(or the PDFs given): CPU time per report in each stage, then the cProfile of the rest.

    python bench/pdf_profile.py [--runs N] [--cprofile] [PDF ...]

Stages are timed by wrapping the reader's functions (inclusive times; a stage nested in
another is also counted in it, as the indentation shows). Figures are CPU time
(time.process_time), which the other processes of a shared machine disturb least.
"""

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from linter.engine import lint_path  # noqa: E402
from linter.rules import select  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)


def timed(name: str, function):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[name] += time.process_time() - start
    return wrapper


def instrument() -> list[tuple[str, int]]:
    """Wraps the stages; returns (name, depth) in the order to print them."""
    import pdfplumber.table as plumber
    import pypdfium2 as pdfium

    from linter.readers import pdf

    stages = [("read", 0), ("open", 1), ("load page", 1), ("page_objects", 1), ("page_chars", 1), ("text page", 2),
              ("unplaced", 1), ("page_edges", 1), ("page_tables", 1), ("edges_to_intersections", 2),
              ("intersections_to_cells", 2), ("cells_to_tables", 2), ("text_lines", 1)]
    pdf.read = timed("read", pdf.read)
    pdf._open = timed("open", pdf._open)
    pdfium.PdfDocument.get_page = timed("load page", pdfium.PdfDocument.get_page)
    pdfium.PdfPage.get_textpage = timed("text page", pdfium.PdfPage.get_textpage)
    for name in ("page_objects", "page_chars", "unplaced", "page_edges", "page_tables", "text_lines"):
        setattr(pdf, name, timed(name, getattr(pdf, name)))
    for name in ("edges_to_intersections", "intersections_to_cells", "cells_to_tables"):
        setattr(plumber, name, timed(name, getattr(plumber, name)))
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cprofile", action="store_true", help="also print cProfile's top functions")
    args = parser.parse_args()
    paths = args.pdfs or sorted((ROOT / "tests" / "corpus" / "real").glob("*.pdf"))
    rules = select()
    for path in paths:
        lint_path(path, rules)  # warm-up: the reader's imports
    stages = instrument()
    for path in paths:
        SPENT.clear()
        start = time.process_time()
        for _ in range(args.runs):
            lint_path(path, rules)
        total = (time.process_time() - start) / args.runs
        print(f"{path.name}: {1000 * total:.1f} ms CPU a report ({1 / total:.1f} reports/s, timing wrappers included)")
        for name, depth in stages:
            print(f"  {'  ' * depth}{name:<{32 - 2 * depth}} {1000 * SPENT[name] / args.runs:6.1f} ms")
        print(f"  {'lint after reading':<32} {1000 * (total - SPENT['read'] / args.runs):6.1f} ms")
        if args.cprofile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.runs):
                lint_path(path, rules)
            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
