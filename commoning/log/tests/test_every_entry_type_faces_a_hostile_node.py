"""Every entry type, present and future, is tested against a hostile node.

The shared rule is the law: each forbidden act must be refused by the entry type's domain rule
when a modified node writes the entry directly, not only by the action a person goes through.
This test reads the suite itself: every registered entry type must be written by
`HostileNode` in at least one test module. A new app that registers an entry type without such a
test fails here, and the message names the type.
"""

import ast
from pathlib import Path

from commoning.log import registry

ROOT = Path(__file__).resolve().parents[3]


def _test_modules():
    for top in ("commoning", "tests"):
        for path in (ROOT / top).rglob("test_*.py"):
            # This module names types only to test itself; it writes none of them.
            if ".venv" not in path.parts and path != Path(__file__).resolve():
                yield path


def _types_written_by_hostile_nodes() -> dict[str, list[str]]:
    """{entry type: [test modules]} for modules that use HostileNode and name the type."""
    found: dict[str, list[str]] = {}
    for path in _test_modules():
        source = path.read_text(encoding="utf-8")
        if "HostileNode" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and node.value in registry.ENTRY_TYPES:
                found.setdefault(node.value, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_registered_entry_type_is_written_by_a_hostile_node_in_some_test():
    assert len(registry.ENTRY_TYPES) >= 20, "the apps' entry types should all be registered"
    covered = _types_written_by_hostile_nodes()
    missing = sorted(set(registry.ENTRY_TYPES) - set(covered))
    assert not missing, (
        "these entry types have no test in which a HostileNode writes them directly: "
        + ", ".join(missing)
    )


def test_it_would_notice_a_type_nobody_tests(monkeypatch):
    # The check above must be able to fail: a newly registered type with no hostile test.
    monkeypatch.setitem(registry.ENTRY_TYPES, "nobody.tests_this", None)
    covered = _types_written_by_hostile_nodes()
    assert "nobody.tests_this" not in covered
    assert "commons.update" in covered
