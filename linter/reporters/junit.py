"""JUnit XML: a test suite per report and a test case per report and rule, for CI dashboards.

A rule fails for a report when it has an error-severity finding there; warnings and notes
are listed in the case's output without failing it (as the exit code treats them). Rules
that do not apply to the report's format are skipped; an unreadable report is an error."""

import re

from lxml import etree

_FAILING = "error"
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: str) -> str:
    """XML 1.0 cannot carry control characters a damaged report may hold."""
    return _NOT_XML.sub("\ufffd", text)


def _case(suite, name: str, classname: str):
    return etree.SubElement(suite, "testcase", name=_x(name), classname=_x(classname), time="0")


def _suite(result, rules, lang: str):
    suite = etree.Element("testsuite", name=_x(result.path))
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if result.status != "ok":
        case = _case(suite, "read", result.path)
        etree.SubElement(case, "error", message=_x(result.error), type="unreadable").text = _x(result.error)
        counts.update(tests=1, errors=1)
    for rule in rules if result.status == "ok" else ():
        case = _case(suite, f"{rule.id} {rule.name}", result.path)
        counts["tests"] += 1
        if not rule.applies_to(result.format):
            skipped = "not part of format " if lang == "en" else "不适用于格式 "
            etree.SubElement(case, "skipped", message=skipped + result.format)
            counts["skipped"] += 1
            continue
        findings = [f for f in result.findings if f.rule == rule.id]
        lines = "\n".join(f"{result.path}:{f.line}:{f.column}: {f.severity} {f.message} | {f.excerpt}" for f in findings)
        failing = [f for f in findings if f.severity == _FAILING]
        if failing:
            failure = etree.SubElement(case, "failure", message=_x(failing[0].message), type=rule.id)
            failure.text = _x(lines)
            counts["failures"] += 1
        elif findings:
            etree.SubElement(case, "system-out").text = _x(lines)
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite, counts


def render(results, run):
    root = etree.Element("testsuites", name="nianbao-lint")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in results:
        suite, counts = _suite(result, run.rules, run.lang)
        root.append(suite)
        for key in totals:
            totals[key] += counts[key]
    for key, value in totals.items():
        root.set(key, str(value))
    yield etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")
