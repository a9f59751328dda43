"""Findings a newsroom has accepted: the config's `accept:` list and a baseline file.

Plain-text copy cannot carry inline `noqa` comments, so these are the two
ways to silence a finding. Both are applied after checking, in the main
process, so one place sees every file and can say which suppressions no
longer match anything (a name fixed since, a story rewritten).

- `accept: [{rule, text[, path]}]` in the config: a rule id (or prefix), the
  flagged text (compared with case and spacing folded) and optionally a glob
  matched against the end of the story's path.
- A baseline (`--write-baseline FILE`, `--baseline FILE`) records findings by
  file, rule and fingerprint, never by line, so an edit above a finding does
  not bring it back. Paths are stored relative to the baseline's folder.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from checker.config import Config, matches
from checker.textfold import quote_key
from checker.safety import atomic_output

BASELINE_VERSION = 1


class SuppressionError(Exception):
    """A baseline file that cannot be read or written; the message names it."""


@dataclass(frozen=True)
class Accepted:
    rule: str
    text: str
    path: str | None
    index: int  # position in the config's list, to name it in messages

    def covers(self, path: str, finding) -> bool:
        return (
            matches(finding.rule_id, [self.rule])
            and quote_key(finding.position.text) == quote_key(self.text)
            and (self.path is None or PurePath(path).match(self.path))
        )

    def describe(self) -> str:
        where = f", path {self.path!r}" if self.path else ""
        return f"accept entry {self.index + 1} (rule {self.rule}, text {self.text!r}{where})"


class Baseline:
    def __init__(self, file: Path, keys: Iterable[tuple[str, str, str]] = (), texts: dict | None = None):
        self.file = file
        self.base = file.resolve().parent
        self.keys = set(keys)
        self.texts = texts or {}  # key -> the flagged text, to name unused entries

    def key(self, path: str, finding) -> tuple[str, str, str]:
        return (self.relative(path), finding.rule_id, finding.fingerprint)

    def relative(self, path: str) -> str:
        if path == "<stdin>":
            return path
        return Path(os.path.relpath(Path(path).resolve(), self.base)).as_posix()

    @classmethod
    def load(cls, file: Path) -> "Baseline":
        try:
            data = json.loads(file.read_text("utf-8"))
            if data.get("baseline_version") != BASELINE_VERSION:
                raise ValueError(f"baseline_version {data.get('baseline_version')!r}, expected {BASELINE_VERSION}")
            entries = [(e["path"], e["rule"], e["fingerprint"], e.get("text", "")) for e in data["findings"]]
        except FileNotFoundError:
            raise SuppressionError(f"{file}: baseline file not found (create it with --write-baseline)") from None
        except OSError as exc:
            raise SuppressionError(f"{file}: cannot read baseline: {exc.strerror or exc}") from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SuppressionError(f"{file}: not a checker baseline: {exc}") from None
        return cls(file, (e[:3] for e in entries), {e[:3]: e[3] for e in entries})

    def write(self, records: list[dict]) -> None:
        records = sorted(records, key=lambda r: (r["path"], r["line"], r["rule"]))
        data = {"baseline_version": BASELINE_VERSION, "findings": records}
        try:
            with atomic_output(self.file) as out:  # a crash leaves the old baseline, never half of one
                out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            raise SuppressionError(f"{self.file}: cannot write baseline: {exc.strerror or exc}") from None


class Suppressor:
    """Drops accepted and baselined findings from a stream of results, remembering what matched."""

    def __init__(self, accept: list[Accepted], baseline: Baseline | None = None, record: Baseline | None = None,
                 rule_ids: Iterable[str] = (), config_path: Path | None = None):
        self.accept = accept
        self.baseline = baseline
        self.record = record
        self.rule_ids = list(rule_ids)
        self.config_path = config_path
        self.accepted = 0
        self.baselined = 0
        self.used_accept: set[int] = set()
        self.used_baseline: set[tuple] = set()
        # what unused() needs of the stories checked, kept as they pass (not a list of every path: a run over
        # an archive of 20,000 stories held 2 MB of them): accept entries whose path some story matched, and
        # the baseline's stories that were checked
        self.path_matched: set[int] = set()
        self.baseline_checked: set[str] = set()
        self._baseline_paths = {k[0] for k in baseline.keys} if baseline else set()
        self.records: list[dict] = []

    @classmethod
    def from_options(cls, config: Config, baseline: str | None, write_baseline: str | None, rule_ids: Iterable[str]) -> "Suppressor":
        accept = [Accepted(a["rule"], a["text"], a.get("path"), i) for i, a in enumerate(config.accept)]
        return cls(
            accept,
            Baseline.load(Path(baseline)) if baseline and not write_baseline else None,
            Baseline(Path(write_baseline)) if write_baseline else None,
            rule_ids,
            config.path,
        )

    def filter(self, path: str, findings: list) -> list:
        """The findings not accepted, not in the baseline and (when recording one) not just recorded."""
        self._saw(path)
        kept = []
        for f in findings:
            hit = next((a for a in self.accept if a.covers(path, f)), None)
            if hit:
                self.used_accept.add(hit.index)
                self.accepted += 1
            elif self.record:
                self.records.append({"path": self.record.relative(path), "rule": f.rule_id, "fingerprint": f.fingerprint,
                                     "text": f.position.text, "line": f.position.line})
                self.baselined += 1
            elif self.baseline and self.baseline.key(path, f) in self.baseline.keys:
                self.used_baseline.add(self.baseline.key(path, f))
                self.baselined += 1
            else:
                kept.append(f)
        return kept

    def _saw(self, path: str) -> None:
        for a in self.accept:
            if a.path is not None and a.index not in self.path_matched and PurePath(path).match(a.path):
                self.path_matched.add(a.index)
        if self._baseline_paths and self.baseline is not None:  # the paths come from the baseline (mypy)
            relative = self.baseline.relative(path)
            if relative in self._baseline_paths:
                self.baseline_checked.add(relative)

    def apply(self, results: Iterable) -> Iterator:
        for result in results:
            yield result if result.error else replace(result, findings=self.filter(result.path, result.findings))

    def unused(self) -> list[dict]:
        """Suppressions that could have matched in this run and did not: candidates for removal.

        An accept entry counts only if its rule is in force and (with a path)
        some checked story matches its path; a baseline entry only if its
        story was checked. So linting one story does not condemn the others'.
        """
        out = []
        where = str(self.config_path) if self.config_path else "config"
        for a in self.accept:
            if a.index in self.used_accept or not any(matches(r, [a.rule]) for r in self.rule_ids):
                continue
            if a.path is None or a.index in self.path_matched:
                out.append({"source": where, "rule": a.rule, "text": a.text, "path": a.path,
                            "message": f"{where}: {a.describe()} matched no finding; remove it if the copy has changed"})
        if self.baseline:
            stale = sorted(k for k in self.baseline.keys - self.used_baseline if k[0] in self.baseline_checked)
            for path, rule, fp in stale:
                out.append({"source": str(self.baseline.file), "rule": rule, "text": self.baseline.texts.get((path, rule, fp), ""),
                            "path": path, "message": f"{self.baseline.file}: entry for {rule} in {path} "
                            f"({self.baseline.texts.get((path, rule, fp), '')!r}) matched no finding; refresh with --write-baseline"})
        return out

    def finish(self, summary) -> list[str]:
        """Put the counts in the run's summary and write the baseline being recorded; returns notes for stderr."""
        summary.accepted, summary.baselined = self.accepted, self.baselined
        unused = self.unused()
        summary.unused_suppressions = [{k: v for k, v in u.items() if k != "message"} for u in unused]
        notes = [f"warning: {u['message']}" for u in unused]
        if self.record:
            self.record.write(self.records)
            files = len({r["path"] for r in self.records})
            notes.append(f"wrote {len(self.records)} finding{'s' * (len(self.records) != 1)} "
                         f"in {files} file{'s' * (files != 1)} to {self.record.file}")
        return notes
