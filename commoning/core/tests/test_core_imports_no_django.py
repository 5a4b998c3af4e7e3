"""commoning/core is pure Python: no module in it may import Django (architecture, section 3)."""

import ast
import subprocess
import sys
from pathlib import Path

import commoning.core

CORE = Path(commoning.core.__file__).parent


def core_modules():
    return sorted(
        path for path in CORE.rglob("*.py") if "tests" not in path.relative_to(CORE).parts
    )


def test_it_finds_the_core_modules():
    names = {path.stem for path in core_modules()}
    assert {"canonical", "entry", "signing", "fields"} <= names


def test_no_core_module_names_django_in_an_import():
    offenders = []
    for path in core_modules():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
                names = [getattr(arg, "value", "") for arg in node.args[:1]]
            else:
                continue
            offenders += [
                f"{path.name}: {name}" for name in names if name.split(".")[0] == "django"
            ]
    assert offenders == []


BLOCKER = """
import importlib, pkgutil, sys
class BlockDjango:
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError("core imported " + name)
sys.meta_path.insert(0, BlockDjango())
import commoning.core
for module in pkgutil.walk_packages(commoning.core.__path__, "commoning.core."):
    if ".tests" not in module.name:
        importlib.import_module(module.name)
print("ok", sorted(name for name in sys.modules if name.startswith("commoning.")))
"""


def test_every_core_module_imports_with_django_blocked():
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
    assert "commoning.core.entry" in result.stdout
