"""`junit`: JUnit XML, so a CI system's test tab shows which stories failed the gate.

One test case per file. A file fails when it has a finding at or above the
`--fail-on` level; its findings are the failure's text. Findings below the
threshold are listed in the case's `system-out`, and an input that could not
be read is an `error` case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.reporters.base import ReportContext

# Characters XML 1.0 cannot carry at all, even escaped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return NOT_XML.sub("\ufffd", text)


def _line(path: str, f) -> str:
    p = f.position
    return f"{path}:{p.line}:{p.column}: {f.severity} {f.rule_id} {f.message}"


class Reporter:
    def __init__(self, stream, context: ReportContext):
        self.out = stream
        self.context = context
        self.suite = ET.Element("testsuite", name="checker")
        self.counts = {"tests": 0, "failures": 0, "errors": 0}

    def _failing(self, f) -> bool:
        return self.context.failing(f.severity)

    def start(self) -> None:
        pass

    def file(self, result) -> None:
        self.counts["tests"] += 1
        case = ET.SubElement(self.suite, "testcase", classname="checker", name=_clean(result.path), file=_clean(result.path))
        if result.error:
            self.counts["errors"] += 1
            ET.SubElement(case, "error", type="input", message=_clean(result.error))
            return
        if result.failures:  # a rule that could not finish: an error of the case, beside any failure
            self.counts["errors"] += 1
            for rule_failure in result.failures:
                ET.SubElement(case, "error", type="rule",
                              message=_clean(rule_failure.sentence))
        failing = [f for f in result.findings if self._failing(f)]
        others = [f for f in result.findings if not self._failing(f)]
        if failing:
            self.counts["failures"] += 1
            n = len(failing)
            failure = ET.SubElement(
                case, "failure", type=str(max(f.severity for f in failing)),
                message=f"{n} finding{'s' * (n != 1)} at or above {self.context.fail_on}",
            )
            failure.text = _clean("\n".join(_line(result.path, f) for f in failing))
        if others:
            ET.SubElement(case, "system-out").text = _clean("\n".join(_line(result.path, f) for f in others))

    def finish(self, summary) -> None:
        counts = {k: str(v) for k, v in self.counts.items()}
        self.suite.attrib.update(counts, skipped="0")
        root = ET.Element("testsuites", {"name": "checker", **counts})
        root.append(self.suite)
        ET.indent(root)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
