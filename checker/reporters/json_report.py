"""`json`: the machine contract for CMS integrators, versioned by `schema_version`.

The schema is published at checker/schemas/report.schema.json; every field
is documented in docs/json-report.md. Files are written as they arrive.
"""

from __future__ import annotations

import json

from checker.reporters.base import ReportContext, finding_dict

SCHEMA_VERSION = "2.0.0"  # 2.0: `suggestion` (sometimes advice) replaced by `replacements` (only real replacement texts); `errors[].rule`
# 1.1: findings carry `fingerprint`; top-level `suppressions` (both optional in the schema); 1.3: a related span may carry `path` (the Chinese original)


class Reporter:
    def __init__(self, stream, context: ReportContext):
        self.out = stream
        self.context = context
        self.first = True
        self.errors: list[dict] = []

    def start(self) -> None:
        head = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "checker", "version": self.context.tool_version},
            "rules": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "severity": str(r.severity),
                    "issue_type": r.issue_type,
                    "category": r.category,
                    "source": r.source,
                }
                for r in self.context.rules
            ],
        }
        self.out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "files": [')

    def file(self, result) -> None:
        self.errors.extend({"path": f.path, "rule": f.rule_id, "message": f.message} for f in result.failures)
        if result.error:
            self.errors.append({"path": result.path, "message": result.error})
            return
        # One finding a line, each compact: readable, greppable, and written by
        # json's C encoder (an indented dump runs the pure-Python one).
        head = json.dumps({"path": result.path, "words": result.words}, ensure_ascii=False)[:-1]
        findings = ",\n".join("      " + json.dumps(finding_dict(f), ensure_ascii=False) for f in result.findings)
        body = f'{head}, "findings": [\n{findings}\n    ]}}' if findings else f'{head}, "findings": []}}'
        self.out.write(("\n    " if self.first else ",\n    ") + body)
        self.first = False

    def finish(self, summary) -> None:
        tail = {
            "errors": self.errors,
            "suppressions": {
                "accepted": summary.accepted,
                "baselined": summary.baselined,
                "unused": summary.unused_suppressions,
            },
            "summary": {
                "files": summary.files,
                "words": summary.words,
                "findings": summary.findings,
                "by_severity": summary.by_severity,
                "input_errors": summary.errors,
            },
        }
        body = json.dumps(tail, ensure_ascii=False, indent=2)[1:]
        self.out.write(("\n  ]," if not self.first else "],") + body + "\n")

