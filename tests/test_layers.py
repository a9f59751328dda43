"""The package's layering, read from its source: no import circle, and reporters that read findings only.

Only imports run when a module loads count: an import inside a function is a lazy one (the CLI's
commands, kinds loaded on first use) and one under `if TYPE_CHECKING:` never runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

from cli_support import ROOT

PACKAGE = ROOT / "checker"


def module_names(package: Path) -> dict[str, Path]:
    out = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _load_time_imports(tree: ast.Module):
    """Import statements at module level, in `try`/`if` blocks too, but not under TYPE_CHECKING."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if "TYPE_CHECKING" not in ast.unparse(node.test):
                pending += node.body
            pending += node.orelse
        elif isinstance(node, ast.Try):
            pending += node.body + node.orelse + node.finalbody + [s for h in node.handlers for s in h.body]


def import_graph(package: Path) -> dict[str, set[str]]:
    """module -> the package's modules it imports as it loads (`from a import b` counts a, and a.b if a module)."""
    modules = module_names(package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found = set()
        for node in _load_time_imports(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
                continue
            base = node.module or ""
            if node.level:
                parent = here[: len(here) - (node.level - 1)]
                base = ".".join(parent + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_package_has_no_import_circle():
    graph = import_graph(PACKAGE)
    assert len(graph) > 50 and graph["checker.engine"]  # the package was read, imports and all
    assert circles(graph) == []


def test_no_reporter_imports_the_document_model():
    graph = import_graph(PACKAGE)
    reporters = [m for m in graph if m.startswith("checker.reporters.")]
    assert len(reporters) >= 8
    assert [m for m in reporters if "checker.document" in graph[m]] == []


def test_a_circle_is_found_and_lazy_and_type_checking_imports_are_not_counted(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "b.py").write_text("try:\n    from .. import c\nexcept ImportError:\n    pass\n")
    (package / "c.py").write_text("import pkg.a\n")
    (package / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import e\n")
    (package / "e.py").write_text("def later():\n    from pkg import d\n")
    graph = import_graph(package)
    assert graph["pkg.sub.b"] == {"pkg", "pkg.c"}
    assert graph["pkg.d"] == set() and graph["pkg.e"] == set()
    assert circles(graph) == [["pkg.a", "pkg.c", "pkg.sub.b"]]
