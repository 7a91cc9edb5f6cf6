"""Where the grammar and rule files are (inside the wheel, or at the top of a source checkout),
how they are read, and where built artefacts are cached."""

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_PARSED_FORMAT = b"yaml-v2\0"  # part of each entry's digest: a change of what is kept starts afresh


class DataError(ValueError):
    """A grammar layout or rule file that is not valid YAML."""


def data_dir(name: str) -> Path:
    """`grammar` or `rules`: the installed copy if present, else the checkout's top-level folder."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def _parse_yaml(content: bytes):
    import yaml  # only when a file changed: the import alone is ~12 ms of a cold start

    # libyaml's loader when PyYAML was built with it (its wheels are): ~10x the pure-Python one
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(content.decode("utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        raise DataError(str(exc)) from exc


def load_yaml(path: Path):
    """The parsed YAML file (raises DataError when it is not valid YAML). A cold start reads
    it parsed from the user's cache folder, where it is kept under the digest of its content:
    checkouts and installations holding the same file share one entry (the cache does not grow
    with them), an edited file gets a new one, and no process rewrites what another reads."""
    content = path.read_bytes()
    folder = cache_dir()
    entry = folder / f"yaml-{hashlib.sha256(_PARSED_FORMAT + content).hexdigest()[:24]}.pickle" if folder else None
    if entry is not None:
        try:
            with open(entry, "rb") as handle:
                return pickle.load(handle)
        except Exception:  # absent, damaged or unreadable: parse afresh
            pass
    data = _parse_yaml(content)
    if entry is not None:
        store(entry, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    return data


def store(entry: Path, content: bytes) -> None:
    """Write a cache entry whole or not at all (a reader never sees half of one); a read-only
    or full cache folder only costs the next start the work the entry would have saved."""
    try:
        with tempfile.NamedTemporaryFile("wb", dir=entry.parent, delete=False) as handle:
            handle.write(content)
        os.replace(handle.name, entry)
    except OSError:
        pass


def cache_dir() -> Path | None:
    """This user's cache folder for nianbao-lint (created on demand), or None when there is
    none to be had: callers then simply build what they would have read."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return _usable(os.path.join(base, "nianbao-lint"))


@lru_cache(maxsize=4)
def _usable(folder: str) -> Path | None:
    # once per process: a cold start asks for it once per rule file
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return Path(folder) if os.access(folder, os.W_OK) else None
