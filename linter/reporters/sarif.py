"""SARIF 2.1.0, the format GitHub code scanning and other tools load.

Paths under the working directory are relative to it (%SRCROOT%), as code scanning needs
them; a file that cannot be read is a tool notification, not a result."""

import json
import os
from pathlib import Path
from urllib.parse import quote

from linter import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _artifact(path: str) -> dict:
    absolute = Path(os.path.realpath(path))  # Path.resolve raises on a link loop (before 3.13)
    try:
        relative = absolute.relative_to(os.path.realpath(os.getcwd()))
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}


def _rule(rule, lang: str) -> dict:
    description = rule.text("description", lang)
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": description.splitlines()[0]},
        "fullDescription": {"text": description},
        "help": {"text": f"{description}\n\n{rule.text('basis', lang)}\n\n{rule.text('fix', lang)}".strip()},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"basis": rule.text("basis", lang), "formats": list(rule.formats)},
    }


def _result(finding, artifact: dict, rule_index: dict) -> dict:
    region = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
    if finding.excerpt:
        region["snippet"] = {"text": finding.excerpt}
    result = {
        "ruleId": finding.rule,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
        # code scanning matches alerts across commits by this, not by line
        "partialFingerprints": {"nianbao/v1": f"{finding.rule}:{finding.excerpt}"},
    }
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    if finding.section:
        result["properties"] = {"section": finding.section}
    return result


def document(results, run) -> dict:
    rules = [_rule(rule, run.lang) for rule in run.rules]
    rule_index = {rule["id"]: i for i, rule in enumerate(rules)}
    sarif_results, notifications = [], []
    for r in results:
        artifact = _artifact(r.path)
        if r.status != "ok":
            notifications.append({
                "level": "error",
                "message": {"text": f"{r.path}: {r.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": artifact}}],
            })
            continue
        sarif_results.extend(_result(f, artifact, rule_index) for f in r.findings)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "nianbao-lint",
                "version": __version__,
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
            # the run completed; files it could not read are its notifications
            "invocations": [{"executionSuccessful": True,
                             "toolExecutionNotifications": notifications}],
            "results": sarif_results,
            "columnKind": "unicodeCodePoints",
        }],
    }


def render(results, run):
    yield json.dumps(document(results, run), ensure_ascii=False, indent=2) + "\n"
