"""The `nianbao` command: check, audit, serve, rules, explain."""

import os
import sys
from pathlib import Path

import click

from linter import __version__, crossreport, readers, settings
from linter.errors import InputError
from linter.engine import printable_path
from linter.files import collect
from linter.formats import VERSIONS
from linter.readers import SUPPORTED_SUFFIXES
from linter.reporters import DOCUMENT_FORMATS, FORMATS, Run, Summary, format_for_output, reporter
from linter.rules import RuleError, catalogue, unknown_selectors
from linter.runner import DEFAULT_TIMEOUT, lint_all, run_all, with_progress

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
STDIN = "-"


class Failure(click.ClickException):
    """A problem with the run's inputs (configuration, baseline): exit 2, one clear line."""

    exit_code = EXIT_USAGE

    def show(self, file=None):
        click.echo(f"nianbao: {self.format_message()}", err=True)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def exit_code(summary: Summary) -> int:
    if summary.unreadable:
        return EXIT_USAGE
    if summary.errors:
        return EXIT_FINDINGS
    return EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nianbao")
def cli():
    """nianbao-lint：政府信息公开工作年度报告合规检查 / compliance linter for annual reports on information disclosure."""


def _lint_options(command):
    """The options check and audit share: what to lint and how."""
    options = [
        click.argument("paths", nargs=-1, required=True),
        click.option("--select", "select_", multiple=True, help="Only these rule ids or prefixes (comma-separated or repeated), e.g. B3,C401."),
        click.option("--ignore", multiple=True, help="Skip these rule ids or prefixes."),
        click.option("--format-version", type=click.Choice(VERSIONS), help="Check against this format instead of the one the report year implies."),
        click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of messages."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: all cores]."),
        click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this pyproject.toml or nianbao.toml instead of the one found upward."),
        click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
                      help="Seconds a file may take; past them it is reported unreadable and the run goes on (0: no limit)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _settings(paths, select_, ignore, format_version, lang, jobs, config_file, isolated, baseline_file=None):
    selected, ignored = _split(select_), _split(ignore)
    unknown = unknown_selectors(selected + ignored)
    if unknown:
        raise click.UsageError(f"unknown rule id or prefix: {', '.join(unknown)} (see `nianbao rules`)")
    if STDIN in paths and len(paths) > 1:
        raise click.UsageError("'-' (standard input) cannot be mixed with other paths")
    try:
        return settings.resolve(paths, selected, ignored, format_version, lang, jobs, config_file, isolated, baseline_file)
    except InputError as exc:
        raise Failure(str(exc)) from exc


def _encoded(chunk) -> bytes:
    return chunk if isinstance(chunk, bytes) else chunk.encode("utf-8")


def _write(chunks, output: str | None) -> None:
    """Write a reporter's pieces to stdout as they come, or to FILE through a temporary
    file: a run that fails half-way leaves no half-written file in place of a good one.
    A device or pipe (-o /dev/stdout) is written directly."""
    if output and not (Path(output).exists() and not Path(output).is_file()):
        _write_file(chunks, Path(output))
        return
    stream = open(output, "wb") if output else sys.stdout.buffer
    try:
        for chunk in chunks:
            stream.write(_encoded(chunk))
            stream.flush()
    finally:
        if output:
            stream.close()


def _write_file(chunks, target: Path) -> None:
    partial = target.with_name(target.name + ".part")
    try:
        with open(partial, "wb") as handle:
            for chunk in chunks:
                handle.write(_encoded(chunk))
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise Failure(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:  # a failure or Ctrl-C half-way leaves no .part behind
        partial.unlink(missing_ok=True)
        raise


def _collected(paths, lang: str) -> list[Path]:
    """The report files under paths; what was passed over, and why, said on standard error."""
    skipped = []
    files = list(collect(paths, skipped))
    for entry in skipped:
        said = "skipped {0}: {1}" if lang == "en" else "已跳过 {0}：{1}"
        click.echo("nianbao: " + said.format(printable_path(entry.path), entry.reason.text(lang)), err=True)
    return files


def _results(paths, run: settings.Settings, stdin_filename: str | None, timeout: float):
    if paths == (STDIN,):
        name = stdin_filename or "stdin.txt"
        # one byte over the limit is enough to refuse it: `cat /dev/zero | nianbao check -` must end
        job = (name, sys.stdin.buffer.read(readers.limit_for(name) + 1))
        return lint_all([job], run.rules, run.format_version, run.lang, 1, timeout), 1
    files = [path for path in _collected(paths, run.lang) if run.wanted(path)]
    if not files:
        shown = " ".join(printable_path(path) for path in paths)
        click.echo(f"nianbao: no report files ({' '.join(SUPPORTED_SUFFIXES)}) found in {shown}", err=True)
    return lint_all(files, run.rules, run.format_version, run.lang, run.jobs, timeout), len(files)


def _cross_checked(results, run: settings.Settings, previous):
    """The cross-report pass: each report against `previous` (--previous), or the set
    against itself (consecutive years of an agency, one year's reports of all agencies)."""
    if previous is None:
        yield from crossreport.attached(results, run.rules, run.lang, run.config.agencies)
        return
    for result in results:
        if result.status == "ok":
            crossreport.compare(result, previous, run.rules, run.lang)
        yield result


def _previous(path: str, run: settings.Settings, timeout: float):
    result = next(lint_all([Path(path)], run.rules, run.format_version, run.lang, 1, timeout))
    if result.status != "ok":
        raise Failure(f"--previous {path}: {result.error}")
    return result


def _run(paths, run: settings.Settings, output_format, output, timeout, stdin_filename=None, record=None,
         previous=None) -> Summary:
    results, total = _results(paths, run, stdin_filename, timeout)
    results = run.filter(_cross_checked(with_progress(results, total), run, previous))
    if record is not None:  # --write-baseline: the findings pass through into the record
        results = _recording(results, record)
    summary = Summary()
    _write(reporter(output_format).render(summary.counted(results), Run(run.rules, run.lang)), output)
    for result in summary.unreadable_files:
        click.echo(f"nianbao: {result.path}: {result.error}", err=True)
    return summary


def _recording(results, record: list):
    for result in results:
        record.append(result)
        yield result


@cli.command()
@_lint_options
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of standard output.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), help="Report only findings this baseline file does not hold.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record today's findings in FILE (exit 0 unless a file is unreadable).")
@click.option("--stdin-filename", help="With '-': the name of the report read from standard input (its suffix picks the reader).")
@click.option("--previous", "previous_file", type=click.Path(dir_okay=False),
              help="Last year's published report: check the one report against it (Y5xx rules).")
def check(paths, select_, ignore, format_version, lang, jobs, config_file, isolated, timeout, output_format, output,
          baseline_file, write_baseline, stdin_filename, previous_file):
    """Check reports: files, or directories searched recursively (.txt .md .html .docx .pdf .doc .wps); '-' reads standard input."""
    run = _settings(paths, select_, ignore, format_version, lang, jobs, config_file, isolated, baseline_file)
    if output_format in DOCUMENT_FORMATS and not output:
        raise click.UsageError(f"--format {output_format} needs -o FILE")
    if previous_file and (len(paths) != 1 or Path(paths[0]).is_dir()):
        raise click.UsageError("--previous compares one report: name one file (or '-')")
    previous = _previous(previous_file, run, timeout) if previous_file else None
    record = [] if write_baseline else None
    summary = _run(paths, run, output_format, output, timeout, stdin_filename, record, previous)
    if run.baseline is not None and run.baseline.hidden:
        click.echo(f"nianbao: {run.baseline.hidden} finding(s) already in the baseline {baseline_file} not shown", err=True)
    if record is not None:
        from linter import baseline

        try:
            count = baseline.write(Path(write_baseline), record)
        except OSError as exc:
            raise Failure(f"cannot write {write_baseline}: {exc.strerror or exc}") from exc
        click.echo(f"nianbao: recorded {count} finding(s) in {write_baseline}", err=True)
        sys.exit(EXIT_USAGE if summary.unreadable else EXIT_OK)
    sys.exit(exit_code(summary))


@cli.command()
@_lint_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="The findings document: .html or .docx; or .json .sarif .xml (JUnit) .csv for other tools.")
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), help="Override the format the suffix of -o implies.")
def audit(paths, select_, ignore, format_version, lang, jobs, config_file, isolated, timeout, output, output_format):
    """Lint many reports and write the findings document (审查意见) auditors issue."""
    output_format = output_format or format_for_output(output)
    if output_format is None:
        raise click.UsageError(f"cannot tell the format from '{output}': use .html .docx .json .sarif .xml .csv, or --format")
    run = _settings(paths, select_, ignore, format_version, lang, jobs, config_file, isolated)
    summary = _run(paths, run, output_format, output, timeout)
    click.echo(("wrote {0}: " if lang == "en" else "已写入 {0}：").format(output) + summary.line(lang), err=True)
    sys.exit(exit_code(summary))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="The data set: .csv .xlsx .json or .parquet.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: all cores].")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of messages.")
def extract(paths, output, jobs, lang):
    """Write every mandated table cell of every report, one row per cell (agency, year, table, row, column, value, where read)."""
    from linter import extract as extraction, extract_writers

    if extract_writers.writer_for(output) is None:
        raise click.UsageError(f"cannot tell the format from '{output}': use .csv .xlsx .json or .parquet")
    files = _collected(paths, lang)
    unreadable, reports = [], []

    def rows():
        for result in with_progress(run_all(files, (lang,), jobs, DEFAULT_TIMEOUT, extraction.cells_of, lang), len(files)):
            if result.status != "ok":
                unreadable.append(result)
                continue
            reports.append(result.path)
            yield from result.rows

    try:
        count = extract_writers.write(output, rows())
    except OSError as exc:
        raise Failure(f"cannot write {output}: {exc.strerror or exc}") from exc
    for result in unreadable:
        click.echo(f"nianbao: {result.path}: {result.error}", err=True)
    done = (f"wrote {output}: {count} cells of {len(reports)} report(s), {len(unreadable)} unreadable" if lang == "en"
            else f"已写入 {output}：{len(reports)} 份报告的 {count} 个单元格，无法读取 {len(unreadable)} 份")
    click.echo(done, err=True)
    sys.exit(EXIT_USAGE if unreadable else EXIT_OK)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; the default is this machine only.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
def serve(host, port):
    """A local web page for report authors: upload a report, see its findings, download them."""
    from linter.web import serve as run_server

    try:
        run_server(host, port)
    except OSError as exc:
        raise Failure(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


@cli.command("rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--markdown", is_flag=True, help="Print the full rule documentation as Markdown (docs/rules.md).")
def list_rules(lang, markdown):
    """List the rule catalogue."""
    from linter import ruledoc  # the documentation only for the commands that show it

    if markdown:
        click.echo(ruledoc.markdown(lang), nl=False)
        return
    for rule in catalogue():
        click.echo(f"{rule.id}  {rule.name:<28} {rule.severity:<8} {','.join(rule.formats):<18} {rule.text('description', lang).splitlines()[0][:60]}")


@cli.command()
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain(rule_id, lang):
    """Show a rule's documentation, with a failing and a passing example."""
    from linter import ruledoc

    rule = ruledoc.find(rule_id)
    if rule is None:
        raise click.UsageError(f"no rule {rule_id} (see `nianbao rules`)")
    click.echo(ruledoc.text(rule, lang))


def main():
    try:
        cli()
    except RuleError as exc:
        click.echo(f"nianbao: rule files are broken: {exc}", err=True)
        sys.exit(EXIT_USAGE)
