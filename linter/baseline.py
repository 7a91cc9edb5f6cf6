"""Baseline: record today's findings, then report only new ones.

A finding is matched by file, rule and content (its section and the text it quotes), never
by line number, so edits elsewhere in a report do not bring recorded findings back. The same
finding recorded twice is matched twice at most (counts, not a set).
"""

import json
import os
from collections import Counter
from pathlib import Path

from linter.errors import InputError

VERSION = 1


class BaselineError(InputError):
    """The baseline file cannot be read: names the file and why."""


def _real(path) -> Path:
    # os.path.realpath stops at a symlink loop where Path.resolve() raises
    return Path(os.path.realpath(path))


def _file_key(path: str, root: Path) -> str:
    absolute = _real(path)
    try:
        return absolute.relative_to(_real(root)).as_posix()
    except ValueError:
        return absolute.as_posix()


def _key(file_key: str, finding) -> tuple[str, str, str, str]:
    return file_key, finding.rule, finding.section, " ".join(finding.excerpt.split())


def write(path: Path, results) -> int:
    """Record the findings of results in path; returns how many."""
    root = _real(path).parent
    counts = Counter(_key(_file_key(r.path, root), f) for r in results for f in r.findings)
    entries = [{"file": file, "rule": rule, "section": section, "excerpt": excerpt, "count": n}
               for (file, rule, section, excerpt), n in sorted(counts.items())]
    document = {"version": VERSION, "tool": "nianbao-lint", "findings": entries}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return sum(counts.values())


class Baseline:
    def __init__(self, path: Path):
        self.root = _real(path).parent
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if document.get("version") != VERSION:
                raise BaselineError(f"{path}: not a nianbao baseline (version {VERSION})")
            self.remaining = Counter({
                (e["file"], e["rule"], e["section"], e["excerpt"]): int(e["count"]) for e in document["findings"]
            })
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BaselineError(f"{path}: not a nianbao baseline file ({exc})") from exc
        self.hidden = 0

    def new_findings(self, result) -> list:
        """The findings of result that the baseline does not hold."""
        fresh = []
        file_key = _file_key(result.path, self.root)
        for finding in result.findings:
            key = _key(file_key, finding)
            if self.remaining[key] > 0:
                self.remaining[key] -= 1
                self.hidden += 1
            else:
                fresh.append(finding)
        return fresh
