"""`sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, VS Code's viewer).

Each rule in force is listed once in `tool.driver.rules` with its help text;
each finding is a result pointing at its region. Columns and `charOffset`
count code points, as our offsets do, so the run says
`columnKind: unicodeCodePoints` rather than converting to SARIF's default
UTF-16 units. Fixes become `fixes[].artifactChanges` replacements, and the
finding's fingerprint goes in `partialFingerprints`. The log is written at
the end: SARIF is one JSON object and most consumers read it whole.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from urllib.parse import quote

from checker.finding import Finding, Position
from checker.finding import Severity
from checker.reporters.base import ReportContext

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "checkerFingerprint/v1"


def artifact_location(path: str) -> dict:
    """A relative path stays relative to the checkout (`%SRCROOT%`); an absolute one becomes a file URI."""
    p = PurePath(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def region(p: Position) -> dict:
    return {
        "startLine": p.line,
        "startColumn": p.column,
        "endLine": p.end_line,
        "endColumn": p.end_column,
        "charOffset": p.start,
        "charLength": p.end - p.start,
        "snippet": {"text": p.text},
    }


def _rule(rule) -> dict:
    examples = rule.examples.get("flag", [])
    flagged = [ex.text for ex in examples]
    help_text = rule.description + ("\n\nFlags, for example:\n" + "\n".join(f"- {t}" for t in flagged) if flagged else "")
    return {
        "id": rule.id,
        "shortDescription": {"text": " ".join(rule.description.split()).split(". ")[0].rstrip(".") + "."},
        "fullDescription": {"text": rule.description},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"kind": rule.kind, "category": rule.category, "issue_type": rule.issue_type, "tags": [rule.category]},
    }


class Reporter:
    def __init__(self, stream, context: ReportContext):
        self.out = stream
        self.context = context
        self.rule_index = {r.id: i for i, r in enumerate(context.rules)}
        self.results: list[dict] = []
        self.notifications: list[dict] = []

    def start(self) -> None:
        pass

    def file(self, result) -> None:
        if result.error:
            self.notifications.append({
                "level": "error",
                "message": {"text": result.error},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result.path)}}],
            })
            return
        for failure in result.failures:  # a rule that could not finish: the run must not read as clean
            notification: dict = {
                "level": "error",
                "message": {"text": failure.sentence},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result.path)}}],
            }
            if failure.rule_id in self.rule_index:
                notification["associatedRule"] = {"id": failure.rule_id, "index": self.rule_index[failure.rule_id]}
            self.notifications.append(notification)
        self.results.extend(self._result(result.path, result.text, f) for f in result.findings)

    def _result(self, path: str, text: str, f: Finding) -> dict:
        where = artifact_location(path)
        out: dict = {
            "ruleId": f.rule_id,
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": where, "region": region(f.position)}}],
            "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        }
        if f.rule_id in self.rule_index:
            out["ruleIndex"] = self.rule_index[f.rule_id]
        if f.related:
            out["relatedLocations"] = [
                {"id": i, "message": {"text": r.label or r.position.text},
                 "physicalLocation": {"artifactLocation": artifact_location(r.path) if r.path else where,  # the Chinese original
                                      "region": region(r.position)}}
                for i, r in enumerate(f.related, 1)
            ]
        if f.fixes:
            out["fixes"] = [
                {
                    "description": {"text": f"Replace '{text[x.start:x.end]}' with '{x.replacement}'"},
                    "artifactChanges": [{
                        "artifactLocation": where,
                        "replacements": [{
                            "deletedRegion": {"charOffset": x.start, "charLength": x.end - x.start},
                            "insertedContent": {"text": x.replacement},
                        }],
                    }],
                    "properties": {"safe": x.safe},
                }
                for x in f.fixes
            ]
        return out

    def finish(self, summary) -> None:
        run = {
            "tool": {"driver": {
                "name": "checker",
                "version": self.context.tool_version,
                "semanticVersion": self.context.tool_version,
                "rules": [_rule(r) for r in self.context.rules],
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not self.notifications, "toolExecutionNotifications": self.notifications}],
            "results": self.results,
        }
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        self.out.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")
