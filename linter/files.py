"""Which files a run lints: paths named on the command line, and the report files found
below the folders named.

A folder is walked in a stable order (names sorted, depth first), past hidden folders
(.git, .venv) and tool folders. A link to a folder is followed unless it leads back to a
folder above it (a loop). Whatever cannot be walked or read is not passed over in silence:
each entry skipped (a folder that cannot be read, a dangling link, a link loop, a FIFO or
device with a report's suffix) is recorded with the reason, for the run to print.
"""

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from linter.errors import UnreadableFile
from linter.readers import SUPPORTED_SUFFIXES, cannot_open, not_regular

_SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages"}


@dataclass
class Skipped:
    path: Path
    reason: UnreadableFile


def _folder_entries(folder: Path, skipped: list[Skipped]) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as exc:
        skipped.append(Skipped(folder, cannot_open(exc, "cannot read the folder", "无法读取文件夹")))
        return []


def _status(path: Path) -> os.stat_result | UnreadableFile:
    """The status of what path leads to, or why it leads nowhere."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return UnreadableFile("dangling symbolic link (its target does not exist)", "失效的符号链接（目标不存在）")
        if exc.errno == errno.ELOOP:
            return UnreadableFile("symbolic link loop", "符号链接循环")
        return cannot_open(exc)


def walk(folder: Path, skipped: list[Skipped]):
    """Report files below folder; entries that cannot be used go to skipped."""
    top = os.stat(folder)
    stack = [(iter(_folder_entries(folder, skipped)), {(top.st_dev, top.st_ino)})]
    while stack:
        entries, above = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        path = Path(entry.path)
        status = _status(path)
        if isinstance(status, UnreadableFile):
            skipped.append(Skipped(path, status))
        elif stat.S_ISDIR(status.st_mode):
            if entry.name.startswith(".") or entry.name in _SKIPPED_DIRS:
                continue
            key = (status.st_dev, status.st_ino)
            if key in above:
                skipped.append(Skipped(path, UnreadableFile("symbolic link loop (it leads to a folder above it)",
                                                            "符号链接循环（指向其上层文件夹）")))
                continue
            stack.append((iter(_folder_entries(path, skipped)), above | {key}))
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            reason = not_regular(status.st_mode)
            if reason is None:
                yield path
            else:
                skipped.append(Skipped(path, reason))


def collect(paths, skipped: list[Skipped]):
    """Files to lint, in a stable order: directories are walked for supported suffixes;
    a path named outright is always linted (an unsupported or unreadable one is reported)."""
    for raw in paths:
        path = Path(raw)
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError:
            is_folder = False  # linting it says why it cannot be read
        yield from walk(path, skipped) if is_folder else [path]
