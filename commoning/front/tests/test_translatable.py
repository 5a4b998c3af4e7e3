"""Strings shown to people are translatable, and translations can be made of them.

An f-string (or .format) inside _() bakes the values into the message id, so no catalogue
can ever match it; the placeholders must stay in the id: _("%(name)s left") % {...}.
"""

import ast
from pathlib import Path

import commoning

GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}


def interpolated_messages(source: str):
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        first = node.args[0]
        formatted = isinstance(first, ast.JoinedStr) or (
            isinstance(first, ast.Call) and getattr(first.func, "attr", None) == "format"
        )
        if name in GETTEXT_NAMES and formatted:
            yield node.lineno


def test_no_message_is_built_before_translation():
    root = Path(commoning.__file__).parent
    offenders = [
        f"{path.relative_to(root.parent)}:{line}"
        for path in sorted(root.rglob("*.py"))
        for line in interpolated_messages(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_check_sees_an_f_string_inside_gettext():
    assert list(interpolated_messages('_(f"hello {name}")')) == [1]
    assert list(interpolated_messages('_("hello {}".format(name))')) == [1]
    assert list(interpolated_messages('_("hello %(name)s") % {"name": name}')) == []
