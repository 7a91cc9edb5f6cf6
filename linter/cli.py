"""The `nianbao` command: check, rules, explain."""

import sys
from pathlib import Path

import click

from linter import __version__, formats
from linter.engine import FileResult, lint_path
from linter.formats import VERSIONS
from linter.readers import SUPPORTED_SUFFIXES
from linter.reporters import REPORTERS, summarize
from linter.rules import RuleError, catalogue, select, unknown_selectors

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


def exit_code(results: list[FileResult]) -> int:
    if any(r.status == "unreadable" for r in results):
        return EXIT_USAGE
    if any(r.count("error") for r in results):
        return EXIT_FINDINGS
    return EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nianbao")
def cli():
    """nianbao-lint：政府信息公开工作年度报告合规检查 / compliance linter for annual reports on information disclosure."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of standard output.")
@click.option("--select", "select_", multiple=True, help="Only these rule ids or prefixes (comma-separated or repeated), e.g. B3,C401.")
@click.option("--ignore", multiple=True, help="Skip these rule ids or prefixes.")
@click.option("--format-version", type=click.Choice(VERSIONS), help="Check against this format instead of the one the report year implies.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of messages.")
def check(paths, output_format, output, select_, ignore, format_version, lang):
    """Check reports: files, or directories searched recursively (.txt .md .html .docx .pdf .doc .wps)."""
    selected, ignored = _split(select_), _split(ignore)
    unknown = unknown_selectors(selected + ignored)
    if unknown:
        raise click.UsageError(f"unknown rule id or prefix: {', '.join(unknown)} (see `nianbao rules`)")
    if output_format == "html" and not output:
        raise click.UsageError("--format html needs -o FILE")
    rules = select(selected, ignored)
    results = [lint_path(path, rules, format_version, lang) for path in collect(paths)]
    if not results:
        click.echo(f"nianbao: no report files ({' '.join(SUPPORTED_SUFFIXES)}) found in {' '.join(paths)}", err=True)
    rendered = REPORTERS[output_format](results, summarize(results), lang)
    if output:
        try:
            Path(output).write_text(rendered, encoding="utf-8")
        except OSError as exc:
            raise click.UsageError(f"cannot write {output}: {exc.strerror or exc}") from exc
    else:
        click.echo(rendered, nl=False)
    for result in results:
        if result.status == "unreadable":
            click.echo(f"nianbao: {result.path}: {result.error}", err=True)
    sys.exit(exit_code(results))



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
