"""hooks/core has no import cycle, at module level or inside a function: each module can be
read, tested and reused knowing only the modules below it."""

from __future__ import annotations

import ast

from sitebuild import ROOT

CORE = ROOT / "hooks" / "core"


def imports(name: str) -> set[str]:
    """The core modules `core/<name>.py` imports, anywhere in the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse((CORE / f"{name}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "core":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("core."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("core."))
    return {n for n in found if (CORE / f"{n}.py").is_file()}


def test_no_import_cycle_in_core() -> None:
    graph = {path.stem: imports(path.stem) for path in CORE.glob("*.py") if path.stem != "__init__"}
    cycles = []
    for start in sorted(graph):
        stack = [(start, (start,))]
        while stack:
            name, path = stack.pop()
            for dep in sorted(graph[name]):
                if dep == start:
                    cycles.append(" -> ".join((*path, start)))
                elif dep not in path:
                    stack.append((dep, (*path, dep)))
    assert cycles == [], "import cycles in hooks/core:\n" + "\n".join(cycles)
