"""The rules of docs/architecture.md that import-linter does not check: no module of
`src/` keeps mutable state of its own (a cache of the register, a table filled at run
time). What a process keeps lives on an object: `StoredRegister.memory`, the web app's state, the
CLI's Click context. Module-level names bound to a container are constants (upper case)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import parse_python

SRC = Path(__file__).resolve().parents[1] / "src" / "depositary"
CONTAINERS = {"dict", "list", "set", "OrderedDict", "defaultdict", "deque", "Counter",
              "WeakSet", "WeakValueDictionary", "WeakKeyDictionary", "LruCache"}
MEMOS = {"lru_cache", "cache"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        return _name(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _mutable(value: ast.expr | None) -> bool:
    return isinstance(value, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp
                      | ast.SetComp) or (isinstance(value, ast.Call)
                                         and _name(value) in CONTAINERS)


def _module_state(path: Path) -> list[str]:
    where = path.relative_to(SRC) if path.is_relative_to(SRC) else path
    found = []
    for node in parse_python(path).body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign) and _mutable(node.value):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign) and _mutable(node.value):
            targets = [node.target]
        for target in targets:
            name = _name(target)
            if not name.lstrip("_").isupper() and not name.startswith("__"):
                found.append(f"{where}:{node.lineno} {name}")
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                unbounded = not isinstance(decorator, ast.Call) or not decorator.keywords
                if _name(decorator) in MEMOS and node.args.args and unbounded:
                    found.append(f"{where}:{node.lineno} {node.name} "
                                 "(an unbounded memo)")
    return found


def test_no_module_keeps_mutable_state() -> None:
    found = [problem for path in sorted(SRC.rglob("*.py")) for problem in _module_state(path)]
    assert [] == found


def test_the_check_finds_module_state(tmp_path: Path) -> None:
    """The scan above would see a cache keyed by database URL, as the ledger once had."""
    module = tmp_path / "probe.py"
    module.write_text("_cache: dict[str, int] = {}\n\n\n@cache\ndef f(x): ...\n")
    assert 2 == len(_module_state(module))
