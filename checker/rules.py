"""Load rule files (YAML or JSON), validate them strictly, and build runnable rules.

Validation has two layers. The JSON Schema (draft 2020-12), composed from the
common rule fields and each kind's PARAMS, catches unknown keys, missing
fields and wrong types. Then each kind's `build` catches what a schema cannot
(a regex that does not compile). Every problem names the file, the line, the
rule id and what is wrong.
"""

from __future__ import annotations

import json
import string
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

import regex

from checker import yamlio

from checker.cache import cached
from checker.finding import Severity
from checker.kinds import KINDS
from checker.kinds.base import BuildContext, RuleError
from checker.patterns import keep_compiled, recording_compiled
from checker.paths import default_rules_dir

RULE_FILE_SUFFIXES = (".yaml", ".yml", ".json")
SCHEMA_BASE = Path(__file__).parent / "schemas" / "rule-file.base.json"  # the common fields; each kind adds its PARAMS
# Filled by the engine for every kind: the matched text, and where the first related mention is.
ENGINE_PLACEHOLDERS = {"match", "related_at"}


class Problem(NamedTuple):  # not a frozen dataclass: see checker.finding.Match
    """One thing wrong with a rule file, with where it is."""

    path: str
    line: int | None
    rule_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        rule = f" [{self.rule_id}]" if self.rule_id else ""
        return f"{where}:{rule} {self.message}"


class RuleFileError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


MARK_OPEN, MARK_CLOSE = "\u00ab", "\u00bb"  # « and »: the flagged span in a `flag` example


class Example(NamedTuple):  # not a frozen dataclass: see checker.finding.Match
    """One rule example: plain text, the marked span it must be flagged at (if marked), the text after fixing."""

    text: str
    span: tuple[int, int] | None = None
    fix: str | None = None
    source: str | None = None  # the text's Chinese original, for the bilingual kinds


def parse_example(raw: str | dict) -> Example:
    """`"a «b» c"` or `{text: ..., fix: ..., source: ...}` -> Example; RuleError when the markers are not one « then one »."""
    text = raw["text"] if isinstance(raw, dict) else raw
    fix = raw.get("fix") if isinstance(raw, dict) else None
    source = raw.get("source") if isinstance(raw, dict) else None
    opens, closes = text.count(MARK_OPEN), text.count(MARK_CLOSE)
    if (opens, closes) == (0, 0):
        return Example(text, None, fix, source)
    start, close = text.find(MARK_OPEN), text.find(MARK_CLOSE)
    if (opens, closes) != (1, 1) or close < start:
        raise RuleError(f"example {text!r}: mark the flagged span with exactly one \u00ab and one \u00bb after it", "examples")
    return Example(text.replace(MARK_OPEN, "", 1).replace(MARK_CLOSE, "", 1), (start, close - 1), fix, source)


@dataclass
class Rule:
    id: str
    kind: str
    severity: Severity
    message: str
    description: str
    issue_type: str
    category: str
    params: dict[str, Any]
    examples: dict[str, list[Example]]  # "flag" and "pass", parsed once here
    source: str
    line: int | None
    check: Callable[[Any], Iterable[Any]] = field(repr=False, compare=False, default=lambda doc: ())
    requires: tuple[str, ...] = ()  # casefolded; the story must contain one for the rule to run
    enabled: bool = True  # False: off by default, run only when selected by id or enabled (see engine.build_ruleset)


# ---------------------------------------------------------------- schema


@cache
def rule_file_schema() -> dict:
    """The full rule-file schema: common fields plus each registered kind's parameters."""
    base = json.loads(SCHEMA_BASE.read_text("utf-8"))
    rule = base["$defs"]["rule"]
    rule["properties"]["kind"]["enum"] = sorted(KINDS)
    rule["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
            "then": {"properties": module.PARAMS, "required": list(module.REQUIRED)},
        }
        for name, module in sorted(KINDS.items())
    ]
    return base


@cache
def _validator():
    from jsonschema import Draft202012Validator  # imported late: only validation needs it

    return Draft202012Validator(rule_file_schema())


# ---------------------------------------------------------------- reading


def _line_of(node, path: Iterable) -> int | None:
    """Line (1-based) of the node at a JSON path, or of its nearest existing parent."""
    for step in path:
        if isinstance(node, yamlio.MappingNode):
            found = None
            for key, value in node.value:
                if key.value == step:
                    found = value
                    break
            if found is None:
                break
            node = found
        elif isinstance(node, yamlio.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1 if node is not None else None


def _key_line(node, path: list, key: str) -> int | None:
    return _line_of(node, [*path, key])


def _rule_lines(node) -> dict[tuple, int] | None:
    """The lines build_rule points at (each rule, each key of a rule), read off the node tree once.

    Cached in place of the tree: unpickling yaml nodes imported PyYAML and was most of a warm start's cache reads.
    """
    if node is None:
        return None
    lines: dict[tuple, int] = {(): node.start_mark.line + 1}
    for key, rules in node.value if isinstance(node, yamlio.MappingNode) else ():
        if key.value != "rules":
            continue
        lines[("rules",)] = rules.start_mark.line + 1
        for index, rule in enumerate(rules.value if isinstance(rules, yamlio.SequenceNode) else ()):
            lines[("rules", index)] = rule.start_mark.line + 1
            for k, value in rule.value if isinstance(rule, yamlio.MappingNode) else ():
                lines.setdefault(("rules", index, k.value), value.start_mark.line + 1)
        break
    return lines


def _line_in(lines: dict[tuple, int] | None, path: list) -> int | None:
    """Line of a JSON path in a _rule_lines table, or of its nearest parent there (as _line_of)."""
    if lines is None:
        return None
    for n in range(len(path), -1, -1):
        line = lines.get(tuple(path[:n]))
        if line is not None:
            return line
    return None


def _placeholders(template: str) -> set[str]:
    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError as exc:
        raise RuleError(f"bad message template: {exc}", "message") from None


def read_rule_file(path: Path) -> tuple[list[dict], list[Problem], Any]:
    """Parse and schema-check one file. Returns (rule dicts, problems, line table: see _rule_lines)."""
    label = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(label, None, None, f"cannot read rule file: {exc}")], None
    try:
        node, data = yamlio.compose(text)
    except yamlio.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return [], [Problem(label, line, None, f"not valid YAML/JSON: {getattr(exc, 'problem', exc)}")], None
    problems = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        rpath = list(error.absolute_path)
        rule_id = _rule_id_at(data, rpath)
        line = _line_of(node, rpath)
        message = error.message
        if error.validator in ("unevaluatedProperties", "additionalProperties"):
            extra = _unexpected_keys(error)
            if not extra or (error.validator == "unevaluatedProperties" and error.instance.get("kind") not in KINDS):
                continue  # a consequence of another error (wrong type, unknown kind) reported on its own
            line = _key_line(node, rpath, extra[0]) or line
            message = f"unknown key {', '.join(map(repr, extra))}"
        where = ".".join(map(str, rpath[2:])) if len(rpath) > 2 else ""
        problems.append(Problem(label, line, rule_id, f"{where + ': ' if where else ''}{message}"))
    if problems:
        return [], problems, None
    rules = data.get("rules", []) if isinstance(data, dict) else []
    return rules, [], _rule_lines(node)


def _rule_id_at(data, path: list) -> str | None:
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        try:
            rule_id = data["rules"][path[1]].get("id")
            return rule_id if isinstance(rule_id, str) else None
        except (KeyError, IndexError, AttributeError, TypeError):
            return None
    return None


def _unexpected_keys(error) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    schema_props = set(error.schema.get("properties", {}))
    for sub in error.schema.get("allOf", []):
        if sub.get("if", {}).get("properties", {}).get("kind", {}).get("const") == instance.get("kind"):
            schema_props |= set(sub["then"]["properties"])
    return [k for k in instance if k not in schema_props]


# ---------------------------------------------------------------- building


KIND_PREFIX = "kind:"  # an options key `kind:name-authority` reaches every rule of that kind
COMMON_KEYS = {"id", "kind", "severity", "message", "description", "issue_type", "category", "examples", "requires",
               "enabled"}


SOURCE_KINDS = "bilingual-"  # kinds that read the story's Chinese original: a story without one gives them nothing


class _Deferred:
    """The check of a rule of a SOURCE_KINDS kind, built at the first story that has a Chinese original.

    Only for a rule whose build already succeeded on the same rule files, code and options (the
    pack's cache entry says so), so a bad rule is still reported when the rules load: then a run
    over English stories alone never imports the bilingual kinds nor reads their tables.
    """

    __slots__ = ("kind", "params", "context", "_check")

    def __init__(self, kind: str, params: dict[str, Any], context: BuildContext):
        self.kind, self.params, self.context = kind, params, context
        self._check: Callable[[Any], Iterable[Any]] | None = None

    def __call__(self, doc) -> Iterable[Any]:
        if doc.source is None:
            return ()
        if self._check is None:
            self._check = KINDS[self.kind].build(self.params, self.context)
        return self._check(doc)


def build_rule(raw: dict, path: Path, lines: dict | None, index: int, options: dict | None = None,
               proven: bool = False) -> Rule:
    """Turn one validated rule dict into a runnable Rule; RuleFileError on failure.

    `options` override the file's parameters: those given for the rule's kind
    (key `kind:NAME`), then those given for its id. `proven`: this rule built
    before with the same file, code and options, so a rule of a SOURCE_KINDS
    kind that no option touches is built when first needed (see _Deferred).
    """
    label = str(path)
    params = {k: v for k, v in raw.items() if k not in COMMON_KEYS}
    line = _line_in(lines, ["rules", index])
    applied = [key for key in (KIND_PREFIX + raw["kind"], raw["id"]) if (options or {}).get(key)]
    deferred = proven and not applied and raw["kind"].startswith(SOURCE_KINDS)
    module = None if deferred else KINDS[raw["kind"]]
    for key in applied:  # the kind's options, then the rule's own
        given = (options or {})[key]
        problem = options_problem(given, KINDS[raw["kind"]], raw["kind"])
        if problem:
            raise RuleFileError([Problem(label, line, raw["id"], f"config options {key}: {problem}")])
        params.update(given)
    try:
        context = BuildContext(raw["id"], path.parent)
        if module is None:
            check: Callable[[Any], Iterable[Any]] = _Deferred(raw["kind"], params, context)
        else:
            unknown = _placeholders(raw["message"]) - module.PLACEHOLDERS - ENGINE_PLACEHOLDERS
            if unknown:
                raise RuleError(
                    f"message uses {', '.join('{' + u + '}' for u in sorted(unknown))}; "
                    f"kind {raw['kind']!r} fills {', '.join('{' + p + '}' for p in sorted(module.PLACEHOLDERS | ENGINE_PLACEHOLDERS))}",
                    "message",
                )
            check = module.build(params, context)
        examples = {way: [parse_example(ex) for ex in raw.get("examples", {}).get(way, [])] for way in ("flag", "pass")}
    except RuleError as exc:
        key_line = _line_in(lines, ["rules", index, exc.key]) if exc.key else None
        raise RuleFileError([Problem(label, key_line or line, raw["id"], str(exc))]) from None
    return Rule(
        id=raw["id"],
        kind=raw["kind"],
        severity=Severity.parse(raw["severity"]),
        message=raw["message"],
        description=raw["description"].strip(),
        issue_type=raw["issue_type"],
        category=raw.get("category", raw["kind"]),
        params=params,
        examples=examples,
        source=label,
        line=line,
        check=check,
        requires=tuple(s.casefold() for s in raw.get("requires", ())),
        enabled=raw.get("enabled", True),
    )


def options_problem(options: dict, module, kind: str) -> str | None:
    """What is wrong with a config's `options` for a rule of `kind`, checked with the rule files' own schema."""
    from jsonschema import Draft202012Validator

    unknown = [k for k in options if k not in module.PARAMS]
    if unknown:
        from checker.safety import did_you_mean

        return (f"unknown key {unknown[0]!r} for kind {kind!r}{did_you_mean(unknown[0], module.PARAMS)}; "
                f"it takes {', '.join(sorted(module.PARAMS))}")
    schema = {"type": "object", "properties": module.PARAMS}
    for error in Draft202012Validator(schema).iter_errors(options):
        where = ".".join(map(str, error.absolute_path))
        return f"{where + ': ' if where else ''}{error.message}"
    return None


def _build_file(raws: list[dict], path: Path, lines, options: dict | None, proven: bool = False
                ) -> tuple[list[Rule], list[Problem]]:
    rules, problems = [], []
    for index, raw in enumerate(raws):
        try:
            rules.append(build_rule(raw, path, lines, index, options, proven))
        except RuleFileError as exc:
            problems.extend(exc.problems)
    return rules, problems


def load_pack(root: Path, options: dict[str, dict] | None = None, lazy: bool = True
              ) -> list[tuple[list[Rule], list[Problem]]]:
    """(rules, problems) of every rule file under `root` (a folder or one file), in rule_files order;
    a file with problems gives no rules.

    One cache entry holds the whole pack: each file's rule dicts, line table and whether all its
    rules built (keyed by every file, the code and the options). On a hit, with `lazy`, the rules
    of SOURCE_KINDS kinds of a file that built are built when first needed (_Deferred).
    """
    files = rule_files([root])
    fresh: list[tuple[list[Rule], list[Problem]]] = []  # built while reading (a miss): not built twice

    def read() -> tuple[list[tuple[list[dict], list[Problem], Any, bool]], dict]:
        entries = []
        with recording_compiled() as patterns:  # kept compiled: see checker.patterns
            for path in files:
                raws, problems, lines = read_rule_file(path)
                rules, more = _build_file(raws, path, lines, options)
                fresh.append((rules, problems + more))
                entries.append((raws, problems, lines, not (problems or more)))
        return entries, patterns

    # Keyed by the files and the schema's base (the kinds' parameters are code, which every entry's key
    # covers), the options, and the regex module and Python that compiled the patterns.
    salt = f"{regex.__version__} {sys.version_info[:2]} {sorted((options or {}).items())!r}"
    entries, patterns = cached("rule-pack", [*files, SCHEMA_BASE], read, salt=salt)
    if not fresh:
        keep_compiled(patterns)
        for path, (raws, problems, lines, built) in zip(files, entries):
            rules, more = _build_file(raws, path, lines, options, proven=built and lazy)
            fresh.append((rules, problems + more))
    return [([] if problems else rules, problems) for rules, problems in fresh]


def rule_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories to the rule files inside them, in a stable order.

    Folders named `data` hold tables that rules read (gazetteers, name lists),
    not rules, and are skipped.
    """
    out = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in RULE_FILE_SUFFIXES and "data" not in p.relative_to(path).parts[:-1]
                )
            )
        else:
            out.append(path)
    return out


def load_rules(paths: Iterable[Path], options: dict[str, dict] | None = None, lazy: bool = True
               ) -> tuple[list[Rule], list[Problem]]:
    """Load many files; a broken file is reported and the others still load. `lazy`: see load_pack."""
    rules: list[Rule] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for loaded, file_problems in (pair for root in paths for pair in load_pack(root, options, lazy)):
        if file_problems:
            problems.extend(file_problems)
            continue
        for rule in loaded:
            if rule.id in seen:
                problems.append(Problem(rule.source, rule.line, rule.id, f"duplicate rule id (first defined in {seen[rule.id]})"))
                continue
            seen[rule.id] = rule.source
            rules.append(rule)
    return rules, problems
