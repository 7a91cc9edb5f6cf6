"""Project configuration: `[tool.nianbao]` in pyproject.toml, or a nianbao.toml (top-level keys).

Found by searching upward from the checked files' common folder; the nearest file that holds
nianbao settings wins (a pyproject.toml without `[tool.nianbao]` is passed over). Example:

    [tool.nianbao]
    select = ["S", "T", "B", "C4"]          # rule ids or prefixes; default: all
    ignore = ["C404"]
    format-version = "2021"                 # check every report against this format
    exclude = ["archive/*", "*.draft.docx"] # never linted, even when named
    [tool.nianbao.severity]                 # severity overrides, by id or prefix
    T204 = "warning"
    [tool.nianbao.per-file-ignores]         # glob (relative to the config's folder) -> rules
    "drafts/*" = ["S1", "C401"]
    [tool.nianbao.agencies]                 # name a report gives -> the agency it belongs to
    "平潭县公安局" = "平潭综合实验区公安局"     # (cross-report rules pair its years)

Patterns are fnmatch globs on the path relative to the config file's folder (`*` also matches
`/`); a pattern naming a folder matches everything below it.
"""

import os
import stat
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path

from linter.errors import InputError
from linter.findings import SEVERITIES
from linter.formats import VERSIONS
from linter.rules import matches, unknown_selectors

FILES = ("nianbao.toml", "pyproject.toml")
_KEYS = ("select", "ignore", "severity", "per-file-ignores", "format-version", "exclude", "agencies")


class ConfigError(InputError):
    """A configuration file is wrong: names the file, the line and what is wrong."""


@dataclass
class Config:
    path: Path | None = None  # None: no file (defaults)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    format_version: str | None = None
    exclude: tuple[str, ...] = ()
    agencies: dict[str, str] = field(default_factory=dict)  # agency name -> the agency it is grouped with

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def _relative(self, path: Path) -> str | None:
        try:
            return Path(_real(path)).relative_to(_real(self.root)).as_posix()
        except ValueError:
            return None  # outside the project: its patterns do not apply

    def _matches(self, path: Path, pattern: str) -> bool:
        relative = self._relative(path)
        if relative is None:
            return False
        pattern = pattern.rstrip("/")
        return fnmatch(relative, pattern) or fnmatch(relative, pattern + "/*")

    def excluded(self, path: Path) -> bool:
        return any(self._matches(path, pattern) for pattern in self.exclude)

    def ignored_here(self, path: Path) -> tuple[str, ...]:
        return tuple(sel for pattern, sels in self.per_file_ignores.items()
                     if self._matches(path, pattern) for sel in sels)

    def apply_severity(self, rules: list) -> list:
        """Rules with the configured severity; an override fixes it for every year."""
        out = []
        for rule in rules:
            override = next((sev for sel, sev in self.severity.items() if matches(rule.id, (sel,))), None)
            out.append(replace(rule, severity=override, severity_by_year=[]) if override else rule)
        return out


def _line(text: str, needle: str, after: int = 0) -> int:
    """1-based line of the first line from `after` on that holds needle (for messages)."""
    lines = text.splitlines()
    for number in range(after, len(lines)):
        if needle in lines[number]:
            return number + 1
    return after + 1 if after < len(lines) else 1


def _table_line(text: str, is_pyproject: bool) -> int:
    return _line(text, "[tool.nianbao") - 1 if is_pyproject else 0


def _settings(path: Path) -> tuple[dict | None, str]:
    import tomllib  # only when there is a file to read

    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("nianbao"), text
    return data, text


def _check_selectors(path: Path, text: str, start: int, key: str, values) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{path}:{_line(text, key, start)}: '{key}' must be a list of rule ids or prefixes")
    for unknown in unknown_selectors(tuple(values)):
        raise ConfigError(f"{path}:{_line(text, unknown, start)}: unknown rule id or prefix '{unknown}' in '{key}' (see `nianbao rules`)")
    return tuple(values)


def _patterns(path: Path, text: str, start: int, key: str, values) -> tuple[str, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{path}:{_line(text, key, start)}: '{key}' must be a list of path patterns")
    return tuple(values)


def parse(path: Path) -> Config | None:
    """The configuration in path, or None when the file holds no nianbao settings."""
    path = Path(path)
    settings, text = _settings(path)
    if settings is None:
        return None
    start = _table_line(text, path.name == "pyproject.toml")

    def where(key: str) -> str:
        return f"{path}:{_line(text, key, start)}"

    for key in settings:
        if key not in _KEYS:
            raise ConfigError(f"{where(key)}: unknown key '{key}'; known keys: {', '.join(_KEYS)}")
    config = Config(path=path)
    if "select" in settings:
        config.select = _check_selectors(path, text, start, "select", settings["select"])
    if "ignore" in settings:
        config.ignore = _check_selectors(path, text, start, "ignore", settings["ignore"])
    if "exclude" in settings:
        config.exclude = _patterns(path, text, start, "exclude", settings["exclude"])
    if "format-version" in settings:
        if settings["format-version"] not in VERSIONS:
            raise ConfigError(f"{where('format-version')}: format-version must be one of {', '.join(VERSIONS)}")
        config.format_version = settings["format-version"]
    severity = settings.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where('severity')}: 'severity' must be a table of rule = \"error|warning|info\"")
    for selector, level in severity.items():
        _check_selectors(path, text, start, "severity", [selector])
        if level not in SEVERITIES:
            raise ConfigError(f"{path}:{_line(text, selector, start)}: severity of {selector} must be one of {', '.join(SEVERITIES)}")
    config.severity = dict(severity)
    ignores = settings.get("per-file-ignores", {})
    if not isinstance(ignores, dict):
        raise ConfigError(f"{where('per-file-ignores')}: 'per-file-ignores' must be a table of \"pattern\" = [rules]")
    config.per_file_ignores = {
        pattern: _check_selectors(path, text, _line(text, pattern, start) - 1, pattern, rules)
        for pattern, rules in ignores.items()
    }
    agencies = settings.get("agencies", {})
    if not isinstance(agencies, dict) or not all(isinstance(v, str) and v.strip() for v in agencies.values()):
        raise ConfigError(f"{where('agencies')}: 'agencies' must be a table of \"name in a report\" = \"agency\"")
    config.agencies = dict(agencies)
    return config


def _real(path) -> str:
    """The path with links resolved as far as they go: never raises (Path.resolve raises on a
    link loop before Python 3.13)."""
    return os.path.realpath(path)


def _is_folder(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:  # missing, a link loop, no permission: not a folder to search from
        return False


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # a folder that cannot be searched holds no configuration for us
        return False


def discover(paths: list[str]) -> Config:
    """The nearest configuration above the checked paths' common folder (or the working
    directory), else the defaults. Paths that cannot be followed (link loops, folders
    without permission) are searched from as far as they resolve."""
    folders = [_real(p) if _is_folder(p) else os.path.dirname(_real(p)) for p in paths if p != "-"]
    start = Path(_common(folders)) if folders else Path(_real(os.getcwd()))
    for folder in (start, *start.parents):
        for name in FILES:
            candidate = folder / name
            if _is_file(candidate):
                config = parse(candidate)
                if config is not None:
                    return config
    return Config()


def _common(folders: list[str]) -> str:
    try:
        return os.path.commonpath(folders)
    except ValueError:  # paths on different drives (Windows): no common folder
        return folders[0]
