"""What a run does, from the command line over the configuration file over the defaults:
rules (with severity overrides), format version, which files, per-file ignores, baseline."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from linter import config as configuration
from linter.rules import matches, select

if TYPE_CHECKING:
    from linter.baseline import Baseline


@dataclass
class Settings:
    config: configuration.Config
    rules: list
    format_version: str | None
    lang: str
    jobs: int | None
    baseline: "Baseline | None" = None

    def wanted(self, path: Path) -> bool:
        return not self.config.excluded(path)

    def filter(self, results):
        """Drop per-file-ignored findings, then those the baseline holds."""
        for result in results:
            ignored = self.config.ignored_here(Path(result.path))
            if ignored:
                result.findings = [f for f in result.findings if not matches(f.rule, ignored)]
            if self.baseline is not None:
                result.findings = self.baseline.new_findings(result)
            yield result


def resolve(paths, selected, ignored, format_version, lang, jobs, config_file, isolated, baseline_file=None) -> Settings:
    """--select replaces the configuration's select; --ignore adds to its ignore."""
    if isolated:
        config = configuration.Config()
    elif config_file:
        config = configuration.parse(Path(config_file))
        if config is None:
            raise configuration.ConfigError(f"{config_file}: no [tool.nianbao] table")
    else:
        config = configuration.discover(list(paths))
    rules = select(selected or config.select, config.ignore + ignored)
    return Settings(
        config=config,
        rules=config.apply_severity(rules),
        format_version=format_version or config.format_version,
        lang=lang,
        jobs=jobs,
        baseline=_baseline(Path(baseline_file)) if baseline_file else None,
    )


def _baseline(path: Path):
    from linter.baseline import Baseline  # only a run that names one pays for it (and json)

    return Baseline(path)
