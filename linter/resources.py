"""Where the grammar and rule files are (inside the wheel, or at the top of a source checkout),
how they are read, and where built artefacts are cached."""

import os
import pickle
import tempfile
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_DATA_CACHE = "data-v1.pickle"


class DataError(ValueError):
    """A grammar layout or rule file that is not valid YAML."""


def data_dir(name: str) -> Path:
    """`grammar` or `rules`: the installed copy if present, else the checkout's top-level folder."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def _parse_yaml(path: Path):
    import yaml  # only when a file changed: the import alone is ~12 ms of a cold start

    # libyaml's loader when PyYAML was built with it (its wheels are): ~10x the pure-Python one
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        raise DataError(str(exc)) from exc


class _ParsedFiles:
    """The rule and layout files as parsed, kept in the user's cache folder and used while
    each file's size and modification time are those it was parsed at: a cold start then
    reads one file instead of parsing forty (and never imports PyYAML)."""

    def __init__(self):
        self.folder = cache_dir()
        self.entries: dict[str, tuple] | None = None

    def _read(self) -> dict:
        if self.folder is not None:
            try:
                with open(self.folder / _DATA_CACHE, "rb") as handle:
                    entries = pickle.load(handle)
                if isinstance(entries, dict):
                    return entries
            except Exception:  # absent, damaged or from another version: parse afresh
                pass
        return {}

    def _write(self) -> None:
        if self.folder is None:
            return
        try:
            with tempfile.NamedTemporaryFile("wb", dir=self.folder, delete=False) as handle:
                pickle.dump(self.entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, self.folder / _DATA_CACHE)
        except OSError:
            pass  # a read-only or full cache folder only costs the next start its parsing

    def load(self, path: Path):
        if self.entries is None:
            self.entries = self._read()
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        entry = self.entries.get(str(path))
        if entry is not None and entry[0] == stamp:
            return entry[1]
        data = _parse_yaml(path)
        self.entries[str(path)] = (stamp, data)
        self._write()
        return data


_PARSED = None


def load_yaml(path: Path):
    """The parsed YAML file (raises DataError when it is not valid YAML). Callers must not
    change what it returns: it may be shared."""
    global _PARSED
    if _PARSED is None:
        _PARSED = _ParsedFiles()
    return _PARSED.load(path)


def cache_dir() -> Path | None:
    """This user's cache folder for nianbao-lint (created on demand), or None when there is
    none to be had: callers then simply build what they would have read."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "nianbao-lint"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None
