"""Speed and memory of nianbao-lint; prints figures, asserts nothing (machines are shared).

    python bench/bench.py [--reports N] [--cold-runs K] [--only PART]

- reports/s on one core: the seeds and generated variants (three table serialisations,
  both formats, Traditional copies), linted in-process after one warm-up pass;
- single-file wall time of `python -m linter check` from a cold start (a new process);
- peak resident memory of the in-process run and of one cold-start run;
- reports/s for each input kind (.txt .md .html .docx .pdf), the same reports in each;
- table-reading accuracy: every mandated cell of generated reports (random figures) read
  back from every container, against the value written.
- parallel: `nianbao check --jobs 1` and `--jobs <all cores>` over a folder of 1,000
  reports (seeds and generated variants in every kind), each in a fresh process: reports/s,
  speed-up, CPU time a report (parent, workers), peak memory of the parent process and of
  the largest worker; then --jobs 2 over 10,000 of them (`--memory-reports N`; 0 skips it).
- the published PDFs of tests/corpus/real: reports/s (generated PDFs time PDFium
  substituting a font, not the reader).
- findings: the findings of a fixed corpus against bench/findings_reference.json
  (bench/findings_check.py), so a speed change that alters findings shows.
- real (`--only real`): the published reports of tests/corpus/real against expected.json
  (expected findings raised, stray errors) and their time per report by container
  (min/median/max); bench/real_corpus.py alone prints the same.
- audit (`--only audit`): the findings document of 1,000 reports rendered as HTML and Word.
- web (`--only web`): a check in the web page's worker process against the same in-process.
- cross (`--only cross`): the cross-report pass (Y501–Y504) over 2,500, 5,000 and 10,000
  reports, which should grow linearly, and `nianbao extract` to Parquet: cells/s and peak memory.
`--only speed` prints the speed figures alone, each as min/median/max over runs.
Targets (issue 12): text ≥ 350 reports/s on one core, HTML ≥ 220/s, Word ≥ 130/s, real
PDFs ≥ 30/s, one text file cold ≤ 150 ms, ≥ 1.8x on 2 cores, peak memory flat (10,000
files within 10 % of 1,000 with --jobs 2).
"""

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import real_corpus  # noqa: E402
from cold_start import timed  # noqa: E402
import reportgen  # noqa: E402
import writers  # noqa: E402
from linter.analyze import analyze  # noqa: E402
from linter.engine import lint_path  # noqa: E402
from linter.readers import read  # noqa: E402
from linter.rules import select  # noqa: E402
from test_accuracy import cell_accuracy  # noqa: E402


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


def load() -> str:
    """The machine's one-minute load average, and whether others kept it busy."""
    average, cores = os.getloadavg()[0], os.cpu_count()
    return f"{average:.1f} on {cores} cores" + (" (a busy machine: wall-time figures are low)" if average > cores else "")


def spread(values: list[float], digits: int = 0) -> str:
    """min / median / max of repeated measurements (the machine is shared: the min is the
    least disturbed run, the spread says how noisy the rest were)."""
    ordered = sorted(values)
    return "/".join(f"{v:.{digits}f}" for v in (ordered[0], statistics.median(ordered), ordered[-1])) + \
        f" (min/median/max of {len(values)})"


def passes(paths: list[Path], count: int, runs: int = 5) -> tuple[list[float], list[float]]:
    """reports/s of each of `runs` passes linting `count` of `paths` in turn: by wall time,
    and by this process's CPU time (which a busy machine disturbs less: it leaves out the
    time other processes had the core)."""
    rules = select()
    chosen = [paths[i % len(paths)] for i in range(count)]
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        for path in chosen:
            lint_path(path, rules)
        wall.append(count / (time.perf_counter() - start))
        cpu.append(count / (time.process_time() - start_cpu))
    return wall, cpu


def rates_text(rates: tuple[list[float], list[float]], digits: int = 0) -> str:
    return f"{spread(rates[0], digits=digits)}; by CPU time {spread(rates[1], digits=digits)}"


def throughput(paths: list[Path], reports: int) -> tuple[list[float], list[float]]:
    rules = select()
    for path in paths:  # warm-up: grammars built, rule files read
        lint_path(path, rules)
    return passes(paths, reports)


def cold_start(path: Path, runs: int) -> tuple[list[float], float]:
    # byte-compiled first, as an installed wheel is: with PYTHONDONTWRITEBYTECODE set a checkout
    # compiles its sources again at every start (~35 ms)
    compileall.compile_dir(ROOT / "linter", quiet=1)
    times = [timed([sys.executable, "-m", "linter", "check", str(path)], ROOT)[1] / 1000 for _ in range(runs)]
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return times, peak_kb / 1024


def kind_documents(folder: Path, suffix: str) -> list[Path]:
    """The reports of the per-kind figures: the seeds and two generated reports, written as
    `suffix` (.txt .md .html .docx .pdf) into folder."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [reportgen.build(), reportgen.build(reportgen.ReportSpec(version="2019", year=2020))]
    paths = []
    for i, text in enumerate(texts):
        paths.append(folder / f"kind{i}{suffix}")
        writers.WRITERS[suffix](writers.blocks_from_text(text), paths[-1])
    return paths


def by_kind(folder: Path, reports: int) -> dict[str, tuple[list[float], list[float]]]:
    """reports/s per container (see passes): kind_documents in each kind."""
    rates = {}
    rules = select()
    for suffix in writers.WRITERS:
        paths = kind_documents(folder, suffix)
        lint_path(paths[0], rules)  # warm-up: the reader's imports
        rates[suffix] = passes(paths, reports if suffix != ".pdf" else max(reports // 10, len(paths)))
    return rates


def accuracy(folder: Path, fixtures: int) -> tuple[int, int, dict]:
    right = total = 0
    misses: dict[str, int] = {}
    for seed in range(fixtures):
        spec = reportgen.random_spec(seed, "2021" if seed % 3 else "2019")
        expected = reportgen.expected_cells(spec)
        blocks = writers.blocks_from_text(reportgen.build(spec))
        for suffix, write in writers.WRITERS.items():
            path = folder / f"acc{seed}{suffix}"
            write(blocks, path)
            ok, wrong = cell_accuracy(analyze(read(path)), expected)
            right, total = right + ok, total + len(expected)
            misses[suffix] = misses.get(suffix, 0) + len(wrong)
    return right, total, misses


# the share of each kind in the parallel corpus: mostly Word and web pages, as auditors get them
_MIX = (".txt",) * 4 + (".md",) * 2 + (".html",) * 6 + (".docx",) * 7 + (".pdf",)


def audit_folder(folder: Path, count: int, variants: int = 20) -> Path:
    """count reports: the seeds, then generated reports (random figures) in every kind;
    each kind has `variants` distinct reports, copied under new names (writing a .docx with
    python-docx takes seconds)."""
    folder.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    written: dict[tuple[str, int], Path] = {}
    for i in range(count - 5):
        suffix, variant = _MIX[i % len(_MIX)], (i // len(_MIX)) % variants
        path = folder / f"r{i:04d}{suffix}"
        if (suffix, variant) in written:
            path.write_bytes(written[suffix, variant].read_bytes())
            continue
        spec = reportgen.random_spec(variant, "2021" if variant % 3 else "2019")
        writers.WRITERS[suffix](writers.blocks_from_text(reportgen.build(spec)), path)
        written[suffix, variant] = path
    return folder


# One measured run of the CLI in a fresh process that imports only the linter: its wall time
# and peak memory, and its largest worker's (RUSAGE_CHILDREN: the biggest waited-for child).
_CHILD = """
import json, os, resource, sys, time
from linter.cli import cli
folder, jobs = sys.argv[1:]
sys.stdout = open(os.devnull, "w")
start = time.perf_counter()
try:
    cli.main(["check", "--jobs", jobs, "--format", "json", folder], standalone_mode=False)
except SystemExit:
    pass
elapsed = time.perf_counter() - start
sys.stdout = sys.__stdout__
# VmHWM, not RUSAGE_SELF: Linux keeps ru_maxrss across exec, so it would report the bench's own peak
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
parent, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"elapsed": elapsed,
                  "parent_mb": int(status["VmHWM"].split()[0]) / 1024,
                  "worker_mb": workers.ru_maxrss / 1024,
                  "parent_cpu": parent.ru_utime + parent.ru_stime,
                  "worker_cpu": workers.ru_utime + workers.ru_stime}))
"""


def parallel(folder: Path, jobs: int, repeats: int = 3) -> list[dict]:
    """`repeats` runs, fastest first (the others were slowed by whatever else the machine did)."""
    command = [sys.executable, "-c", _CHILD, str(folder), str(jobs)]
    runs = [json.loads(subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout)
            for _ in range(repeats)]
    return sorted(runs, key=lambda run: run["elapsed"])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--kind-reports", type=int, default=200, help="reports per input kind (pdf: a tenth)")
    parser.add_argument("--accuracy-fixtures", type=int, default=12)
    parser.add_argument("--parallel-reports", type=int, default=1000)
    parser.add_argument("--memory-reports", type=int, default=10_000,
                        help="reports of the flat-memory run of the parallel part (0: skip it)")
    parser.add_argument("--only", choices=["speed", "findings", "parallel", "audit", "web", "cross", "real"], help="run only this part")
    args = parser.parse_args()
    if args.only == "real":
        real_corpus.report(args.cold_runs)
        return
    if args.only == "cross":
        with tempfile.TemporaryDirectory() as tmp:
            report_cross(Path(tmp))
        return
    if args.only == "parallel":
        with tempfile.TemporaryDirectory() as tmp:
            report_parallel(Path(tmp), args.parallel_reports, args.memory_reports)
        return
    if args.only == "speed":
        report_speed(args)
        return
    if args.only == "findings":
        report_findings()
        return
    if args.only:
        {"audit": report_audit, "web": report_web}[args.only](args.parallel_reports)
        return
    report_speed(args)
    with tempfile.TemporaryDirectory() as tmp:
        right, total, misses = accuracy(Path(tmp), args.accuracy_fixtures)
    print(f"table-reading accuracy: {right}/{total} mandated cells = {100 * right / total:.2f}% "
          f"over {args.accuracy_fixtures} generated reports x {len(writers.WRITERS)} containers; "
          f"misread per container: {misses}")
    report_findings()
    real_corpus.report(args.cold_runs)
    report_web(args.parallel_reports)
    report_audit(args.parallel_reports)
    with tempfile.TemporaryDirectory() as tmp:
        report_cross(Path(tmp))
    with tempfile.TemporaryDirectory() as tmp:
        report_parallel(Path(tmp), args.parallel_reports, args.memory_reports)


def real_pdfs() -> tuple[list[float], list[float]]:
    """reports/s on the published PDFs of tests/corpus/real (see passes)."""
    paths = sorted((ROOT / "tests" / "corpus" / "real").glob("*.pdf"))
    lint_path(paths[0], select())  # warm-up: the reader's imports
    return passes(paths, 3 * len(paths))


def report_speed(args) -> None:
    """The speed targets of issue 12, each over several runs."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus(Path(tmp))
        seed = ROOT / "seeds" / "002_08e398edbd93b538.txt"
        times, cold_peak = cold_start(seed, args.cold_runs)
        rates = throughput(paths, args.reports)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        kinds = by_kind(Path(tmp), args.kind_reports)
        pdfs = real_pdfs()
    print(f"load average when done: {load()}")
    print(f"corpus: {len(paths)} distinct reports (5 seeds + {len(paths) - 5} generated), {args.reports} linted a run")
    print(f"text, one core, reports/s: {rates_text(rates)}  [target >= 350/s]")
    print(f"cold start, one file (seed 002): {spread([1000 * t for t in times])} ms  [target <= 150 ms]")
    print(f"peak memory: in-process run {peak:.0f} MB; cold-start process {cold_peak:.0f} MB")
    targets = {".txt": 350, ".md": 350, ".html": 220, ".docx": 130, ".pdf": 30}
    print("per input kind, one core (reports/s; .pdf: generated by reportlab):")
    for suffix, values in kinds.items():
        print(f"  {suffix}: {rates_text(values)}  [target >= {targets[suffix]}/s]")
    names = ", ".join(p.name for p in sorted((ROOT / "tests" / "corpus" / "real").glob("*.pdf")))
    print(f"real PDF ({names}), one core, reports/s: {rates_text(pdfs, 1)}  [target >= 30/s]")


def report_findings() -> None:
    import findings_check

    files, count, drifted = findings_check.check()
    print(f"findings against bench/findings_reference.json: {files} files, {count} findings, "
          f"{len(drifted)} files drifted  [target: 0]")
    for line in drifted:
        print(line)


def cross_set(template, count: int, rng) -> list:
    """`count` results of 5 years per agency, built from one linted report: figures and
    section texts varied; one agency in 50 fills its 五 from a shared template."""
    from dataclasses import replace

    # sentences of 24 characters drawn from 3,000 common ones, sharing the usual words
    words = ["政务公开", "政府信息", "依申请公开", "政策解读", "标准化规范化", "下一步", "进一步加强"]
    sentences = [rng.choice(words) + "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(24)) + "。"
                 for _ in range(2000)]
    template_five = "".join(rng.sample(sentences, 6))
    results = []
    for index in range(count):
        agency, year = index // 5, 2019 + index % 5
        five = template_five if agency % 50 == 0 else "".join(rng.sample(sentences, 6))
        summary = replace(template.summary, texts={1: "".join(rng.sample(sentences, 6)), 5: five},
                          t3={row: {col: value + rng.randint(0, 3) for col, value in cells.items()}
                              for row, cells in template.summary.t3.items()})
        results.append(replace(template, path=f"r{index}.txt", agency=f"第{agency}号局", year=year,
                               findings=[], summary=summary))
    return results


def report_cross(tmp: Path) -> None:
    import random

    from linter import crossreport

    path = tmp / "template.txt"
    path.write_text(reportgen.build(), encoding="utf-8")
    rules = select()
    template = lint_path(path, rules)
    print("cross-report pass (Y501–Y504; 5 years per agency):")
    for count in (2500, 5000, 10000):
        results = cross_set(template, count, random.Random(count))
        start = time.perf_counter()
        crossreport.check_set(results, rules)
        elapsed = time.perf_counter() - start
        found = sum(len(r.findings) for r in results)
        print(f"  {count} reports: {elapsed:.2f} s ({1000 * elapsed / count:.2f} ms a report), {found} findings")
    print("extract to Parquet (all cores), peak memory of the largest process:")
    for count in (500, 2000):
        folder = tmp / f"extract{count}"
        folder.mkdir()
        for index in range(count):
            text = reportgen.build(reportgen.random_spec(index), ("rows", "cells", "markdown")[index % 3])
            (folder / f"r{index}.{'md' if index % 3 == 2 else 'txt'}").write_text(text, encoding="utf-8")
        command = [sys.executable, "-c", _EXTRACT_CHILD, str(folder), str(tmp / f"cells{count}.parquet")]
        measured = json.loads(subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout)
        print(f"  {count} reports: {count / measured['elapsed']:.0f} reports/s, {measured['cells'] / measured['elapsed']:.0f} cells/s "
              f"({measured['cells']} cells, {measured['elapsed']:.2f} s), peak memory parent {measured['parent_mb']:.0f} MB, "
              f"largest worker {measured['worker_mb']:.0f} MB")


# The extract run, in a fresh process: elapsed time, rows, peak memory (VmHWM of this process;
# ru_maxrss of the children for the largest worker).
_EXTRACT_CHILD = """
import json, resource, sys, time
from click.testing import CliRunner
from linter.cli import cli
import pyarrow.parquet as pq
start = time.perf_counter()
result = CliRunner().invoke(cli, ["extract", sys.argv[1], "-o", sys.argv[2]])
elapsed = time.perf_counter() - start
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(json.dumps({"elapsed": elapsed, "cells": pq.ParquetFile(sys.argv[2]).metadata.num_rows, "parent_mb": hwm,
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def cpu(run: dict, count: int) -> str:
    """CPU time a report, which a busy machine disturbs less than wall time."""
    return f"CPU a report: parent {1000 * run['parent_cpu'] / count:.2f} ms, workers {1000 * run['worker_cpu'] / count:.2f} ms"


def report_parallel(tmp: Path, count: int, large: int) -> None:
    from linter.runner import default_jobs

    folder = audit_folder(tmp / "parallel", count)
    cores = default_jobs()
    ones, manys = parallel(folder, 1), parallel(folder, cores)
    one, many = ones[0], manys[0]
    kinds = ", ".join(f"{s} {n}" for s, n in sorted(
        {s: sum(1 for p in folder.iterdir() if p.suffix == s) for s in set(_MIX)}.items()))
    print(f"parallel, {count} reports ({kinds}), 3 runs each:")
    print(f"  --jobs 1: {spread([count / r['elapsed'] for r in ones])} reports/s, peak memory "
          f"parent {one['parent_mb']:.0f} MB, worker {one['worker_mb']:.0f} MB (one worker: the --timeout default); {cpu(one, count)}")
    print(f"  --jobs {cores}: {spread([count / r['elapsed'] for r in manys])} reports/s, peak memory "
          f"parent {many['parent_mb']:.0f} MB, largest worker {many['worker_mb']:.0f} MB; {cpu(many, count)}")
    print(f"  speed-up on {cores} cores (fastest runs): {one['elapsed'] / many['elapsed']:.2f}x  "
          f"[target >= 1.8x on 2 cores; memory < 200 MB]; load average {load()}")
    if large:
        report_memory(tmp, folder, count, large)


def report_memory(tmp: Path, folder: Path, count: int, large: int) -> None:
    """Peak memory with --jobs 2 over `count` and over `large` reports (the same reports
    copied under new names): flat when it does not grow with the number of files."""
    big = tmp / "memory"
    big.mkdir()
    sources = sorted(folder.iterdir())
    for index in range(large):
        source = sources[index % len(sources)]
        (big / f"m{index:05d}_{source.name}").write_bytes(source.read_bytes())
    small, many = parallel(folder, 2, repeats=1)[0], parallel(big, 2, repeats=1)[0]
    print(f"peak memory, --jobs 2: {count} reports: parent {small['parent_mb']:.0f} MB, largest worker "
          f"{small['worker_mb']:.0f} MB; {large} reports: parent {many['parent_mb']:.0f} MB "
          f"({100 * (many['parent_mb'] / small['parent_mb'] - 1):+.0f} %), largest worker {many['worker_mb']:.0f} MB "
          f"({100 * (many['worker_mb'] / small['worker_mb'] - 1):+.0f} %); {large / many['elapsed']:.0f} reports/s; "
          f"{cpu(many, large)}  [target: within 10 %]; load average {load()}")


def report_web(_count: int, runs: int = 7) -> None:
    from linter.engine import lint_bytes
    from linter.web_worker import Checker

    checker = Checker(workers=1)
    checker.check("warm-up.txt", b"x", "zh")  # starts the forkserver
    figures = []
    for path in (ROOT / "seeds" / "004_f33f83f1c85a8eb6.txt", ROOT / "tests" / "corpus" / "real" / "002_hongzequ-qzf_2023.pdf"):
        data = path.read_bytes()
        worker, local = [], []
        for _ in range(runs):
            time.sleep(1)  # as between an author's uploads: the spare worker is ready
            start = time.perf_counter()
            checker.check(path.name, data, "zh")
            worker.append(time.perf_counter() - start)
            start = time.perf_counter()
            lint_bytes(path.name, data, select())
            local.append(time.perf_counter() - start)
        figures.append(f"{path.suffix} {1000 * min(worker):.0f} ms in a worker, {1000 * min(local):.0f} ms in-process")
    print("web check, best of {}: {}".format(runs, "; ".join(figures)))


def report_audit(count: int) -> None:
    """The seeds and the real published reports (about six findings each, as auditors see),
    linted once and repeated under new names up to count reports; then rendered."""
    import dataclasses

    from linter.reporters import Run, reporter
    from linter.runner import lint_all

    real = sorted(p for p in (ROOT / "tests" / "corpus" / "real").iterdir() if p.suffix in (".txt", ".html", ".pdf"))
    distinct = list(lint_all(sorted((ROOT / "seeds").glob("*.txt")) + real, select()))
    results = [dataclasses.replace(distinct[i % len(distinct)], path=f"{i:05d}_{Path(distinct[i % len(distinct)].path).name}")
               for i in range(count)]
    findings = sum(len(r.findings) for r in results)
    times = {}
    for name in ("html", "docx"):
        start = time.perf_counter()
        size = sum(len(part) for part in reporter(name).render(results, Run(select(), "zh")))
        times[name] = (time.perf_counter() - start, size)
    print(f"audit document, {count} reports ({findings} findings), rendering only: " + ", ".join(
        f"{name} {elapsed:.2f} s ({size / 1024 / 1024:.1f} MB)" for name, (elapsed, size) in times.items()))


if __name__ == "__main__":
    main()
