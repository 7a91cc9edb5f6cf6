"""Where the grammar and rule files are (inside the wheel, or at the top of a source checkout),
how they are read, and where built artefacts are cached."""

import os
from pathlib import Path

import yaml

_PACKAGE = Path(__file__).resolve().parent
# libyaml's loader when PyYAML was built with it (its wheels are): ~10x the pure-Python one,
# which cost 40-80 ms of every cold start reading the rules.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_dir(name: str) -> Path:
    """`grammar` or `rules`: the installed copy if present, else the checkout's top-level folder."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def load_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


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
