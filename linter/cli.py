"""The `nianbao` command: check, audit, rules, explain."""

import os
import sys
from pathlib import Path

import click

from linter import __version__, formats
from linter.formats import VERSIONS
from linter.readers import SUPPORTED_SUFFIXES
from linter.reporters import DOCUMENT_FORMATS, FORMATS, Run, Summary, format_for_output, reporter
from linter.rules import RuleError, catalogue, select, unknown_selectors
from linter.runner import lint_all, with_progress

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


_SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages"}


def _walk(folder: Path):
    """Supported files below folder, skipping hidden folders (.git, .venv) and tool folders."""
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") or p in _SKIPPED_DIRS for p in parts[:-1]):
            continue
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path


def collect(paths: tuple[str, ...]):
    """Files to lint, in a stable order: directories are walked for supported suffixes;
    a path named outright is always linted (an unsupported one is reported, not skipped)."""
    for raw in paths:
        path = Path(raw)
        yield from _walk(path) if path.is_dir() else [path]


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
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _rules(select_, ignore):
    selected, ignored = _split(select_), _split(ignore)
    unknown = unknown_selectors(selected + ignored)
    if unknown:
        raise click.UsageError(f"unknown rule id or prefix: {', '.join(unknown)} (see `nianbao rules`)")
    return select(selected, ignored)


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
        raise click.UsageError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _run(paths, rules, format_version, lang, jobs, output_format, output) -> Summary:
    files = list(collect(paths))
    if not files:
        click.echo(f"nianbao: no report files ({' '.join(SUPPORTED_SUFFIXES)}) found in {' '.join(paths)}", err=True)
    summary = Summary()
    results = with_progress(lint_all(files, rules, format_version, lang, jobs), len(files))
    _write(reporter(output_format).render(summary.counted(results), Run(rules, lang)), output)
    for result in summary.unreadable_files:
        click.echo(f"nianbao: {result.path}: {result.error}", err=True)
    return summary


@cli.command()
@_lint_options
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of standard output.")
def check(paths, select_, ignore, format_version, lang, jobs, output_format, output):
    """Check reports: files, or directories searched recursively (.txt .md .html .docx .pdf .doc .wps)."""
    rules = _rules(select_, ignore)
    if output_format in DOCUMENT_FORMATS and not output:
        raise click.UsageError(f"--format {output_format} needs -o FILE")
    sys.exit(exit_code(_run(paths, rules, format_version, lang, jobs, output_format, output)))


@cli.command()
@_lint_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True,
              help="The findings document: .html or .docx; or .json .sarif .xml (JUnit) .csv for other tools.")
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), help="Override the format the suffix of -o implies.")
def audit(paths, select_, ignore, format_version, lang, jobs, output, output_format):
    """Lint many reports and write the findings document (审查意见) auditors issue."""
    output_format = output_format or format_for_output(output)
    if output_format is None:
        raise click.UsageError(f"cannot tell the format from '{output}': use .html .docx .json .sarif .xml .csv, or --format")
    rules = _rules(select_, ignore)
    summary = _run(paths, rules, format_version, lang, jobs, output_format, output)
    click.echo(("wrote {0}: " if lang == "en" else "已写入 {0}：").format(output) + summary.line(lang), err=True)
    sys.exit(exit_code(summary))


@cli.command("rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def list_rules(lang):
    """List the rule catalogue."""
    for rule in catalogue():
        click.echo(f"{rule.id}  {rule.name:<28} {rule.severity:<8} {','.join(rule.formats):<18} {rule.text('description', lang).splitlines()[0][:60]}")


@cli.command()
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def explain(rule_id, lang):
    """Show a rule's documentation, with a failing and a passing example."""
    rule = next((r for r in catalogue() if r.id == rule_id.upper()), None)
    if rule is None:
        raise click.UsageError(f"no rule {rule_id} (see `nianbao rules`)")
    click.echo(explanation(rule, lang))


def explanation(rule, lang: str) -> str:
    zh = lang != "en"
    parts = [
        f"{rule.id} {rule.name} ({rule.severity})",
        "",
        rule.text("description", lang),
        "",
        ("依据：" if zh else "Basis: ") + rule.text("basis", lang),
        ("适用格式（报告年度）：" if zh else "Formats (report years): ")
        + ", ".join(f"{version} ({formats.years(version)})" for version in rule.formats),
        "",
        "不合格示例：" if zh else "Bad:",
        _indent(rule.examples.get("bad", "")),
        "合格示例：" if zh else "Good:",
        _indent(rule.examples.get("good", "")),
        ("修改方法：" if zh else "How to fix: ") + rule.text("fix", lang),
    ]
    return "\n".join(parts)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip().splitlines())


def main():
    try:
        cli()
    except RuleError as exc:
        click.echo(f"nianbao: rule files are broken: {exc}", err=True)
        sys.exit(EXIT_USAGE)
