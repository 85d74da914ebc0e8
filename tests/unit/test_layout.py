"""The layout rules of shared/docs/architecture.md, checked on the source so a change that breaks them fails CI.

Read from the files (ast), not by importing: a lazy import inside a function counts the same as a top-level one.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "moderator_app"
QT_FREE = ("base", "db", "sources", "qc", "spot", "onair", "services")
MAX_LINES = 450


def _modules() -> dict[str, tuple[Path, set[str]]]:
    found: dict[str, tuple[Path, set[str]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module)
                imported.update(f"{node.module}.{alias.name}" for alias in node.names)
        found[name] = (path, imported)
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def test_no_module_over_the_line_limit() -> None:
    long = {n: p.read_text(encoding="utf-8").count("\n") for n, (p, _) in MODULES.items()}
    assert {n: c for n, c in long.items() if c > MAX_LINES} == {}


def test_core_imports_no_qt() -> None:
    offenders = [
        (name, dep)
        for name, (path, deps) in MODULES.items()
        if name.split(".")[1:2] and name.split(".")[1] in QT_FREE and "qt" not in path.stem
        for dep in deps
        if dep.startswith("PySide6")
    ]
    assert offenders == []


def test_window_and_cli_reach_data_through_services() -> None:
    offenders = [
        (name, dep)
        for name, (_, deps) in MODULES.items()
        if name.startswith(("moderator_app.ui", "moderator_app.cli"))
        for dep in deps
        if dep.startswith("moderator_app.db")
    ]
    assert offenders == []


def test_no_import_cycle() -> None:
    edges = {
        name: {r for d in deps if d.startswith("moderator_app") and (r := _resolve(d)) and r != name}
        for name, (_, deps) in MODULES.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in edges:
        if v not in index:
            visit(v)
    assert cycles == []
