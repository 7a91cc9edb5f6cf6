"""Findings of a fixed corpus against a recorded reference, so a speed change that alters
what the linter says shows as drift.

    python bench/findings_check.py            # compare with bench/findings_reference.json
    python bench/findings_check.py --record   # write the reference from the code as it is

The corpus: the seeds, the real published reports (tests/corpus/real), every rule
fixture's report (tests/fixtures/rules), the CMS pages (tests/fixtures/pages), and generated
reports (random figures, both formats, three table serialisations, Traditional copies, a
cell with units and an unbalanced total) written as .txt, .md, .docx, .html and .pdf.
Exit status 1 on drift. When a rule changes on purpose, record again and commit the diff.
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import reportgen  # noqa: E402
import writers  # noqa: E402
import yaml  # noqa: E402
from linter.engine import lint_path  # noqa: E402
from linter.rules import select  # noqa: E402

REFERENCE = Path(__file__).with_name("findings_reference.json")
_FIELDS = ("rule", "severity", "message", "line", "column", "section", "excerpt", "location", "table", "row", "column_name")


def _generated(folder: Path) -> list[Path]:
    import opencc
    from test_rule_fixtures import build_case

    paths = []
    for fixture in sorted((ROOT / "tests" / "fixtures" / "rules").glob("*.yaml")):
        spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
        for number, case in enumerate(spec["cases"]):
            path = folder / f"rule_{spec['rule']}_{number}.txt"
            path.write_text(build_case(case), encoding="utf-8")
            paths.append(path)
    to_traditional = opencc.OpenCC("s2twp")
    texts = {}
    for seed in range(4):
        version = "2021" if seed % 2 else "2019"
        spec = reportgen.random_spec(seed, version)
        if seed == 2:  # defects: units in a cell, a total that does not balance
            spec.overrides[("total", 0)] = "999"
            spec.overrides[("new", 1)] = "12件"
        style = ("rows", "cells", "markdown", "rows")[seed]
        texts[f"gen{seed}"] = reportgen.build(spec, style)
        texts[f"gen{seed}_t"] = to_traditional.convert(texts[f"gen{seed}"])
    for name, text in texts.items():
        blocks = writers.blocks_from_text(text)
        for suffix, write in writers.WRITERS.items():
            path = folder / f"{name}{suffix}"
            write(blocks, path)
            paths.append(path)
    return paths


def corpus(folder: Path) -> dict[str, Path]:
    """name (stable across runs) -> file"""
    fixed = sorted((ROOT / "seeds").glob("*.txt"))
    fixed += sorted(p for p in (ROOT / "tests" / "corpus" / "real").iterdir() if p.suffix not in (".md", ".json"))
    fixed += sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html"))
    named = {str(p.relative_to(ROOT)): p for p in fixed}
    named.update({f"generated/{p.name}": p for p in _generated(folder)})
    return named


def findings(paths: dict[str, Path]) -> dict:
    rules = select()
    out = {}
    for name, path in paths.items():
        result = lint_path(path, rules)
        out[name] = {"status": result.status, "error": result.error, "format": result.format, "year": result.year,
                     "agency": result.agency, "agency_source": result.agency_source,
                     "findings": [{k: v for k, v in f.as_json().items() if k in _FIELDS} for f in result.findings]}
    return out


def drift(reference: dict, current: dict) -> list[str]:
    lines = []
    for name in sorted(set(reference) | set(current)):
        before, after = reference.get(name), current.get(name)
        if before != after:
            lines.append(f"{name}:\n  before: {json.dumps(before, ensure_ascii=False)}\n"
                         f"  after:  {json.dumps(after, ensure_ascii=False)}")
    return lines


def check() -> tuple[int, int, list[str]]:
    """(files, findings, drift lines) against the recorded reference."""
    with tempfile.TemporaryDirectory() as tmp:
        current = findings(corpus(Path(tmp)))
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return len(current), sum(len(r["findings"]) for r in current.values()), drift(reference, current)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", action="store_true", help="write the reference from the code as it is")
    args = parser.parse_args()
    if args.record:
        with tempfile.TemporaryDirectory() as tmp:
            current = findings(corpus(Path(tmp)))
        REFERENCE.write_text(json.dumps(current, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {len(current)} files, {sum(len(r['findings']) for r in current.values())} findings")
        return
    files, count, lines = check()
    print(f"findings against the reference: {files} files, {count} findings, {len(lines)} files drifted")
    for line in lines:
        print(line)
    sys.exit(1 if lines else 0)


if __name__ == "__main__":
    main()
