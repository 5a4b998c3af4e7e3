"""Three-way merge of artifact text: the version an edit started from (base), the version saved
meanwhile (theirs) and the member's edit (yours). Pure Python over `merge3`; no Django here.

Changes on one side only are taken; changes on both sides that touch the same lines are
conflicts, which are shown to the member, never resolved by picking a side silently.
"""

from dataclasses import dataclass, field

import merge3

# Markers written around a conflict in the merged text, as git writes them. Fixed ASCII (not
# translated): the text is shared with every node, and must be recognised in any language.
START_MARKER = "<<<<<<< "
MID_MARKER = "======="
END_MARKER = ">>>>>>> "
THEIRS_LABEL = "saved meanwhile"
YOURS_LABEL = "your version"


@dataclass(frozen=True)
class Conflict:
    """One place where both sides changed the same lines: what each side has there."""

    line: int  # 1-based line in the merged text where the conflict starts
    base: list[str]
    theirs: list[str]
    yours: list[str]

    @property
    def theirs_text(self) -> str:
        return "\n".join(self.theirs)

    @property
    def yours_text(self) -> str:
        return "\n".join(self.yours)


@dataclass(frozen=True)
class MergeResult:
    """The merged text (with markers around each conflict) and the conflicts, if any."""

    text: str
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _ended(lines: list[str]) -> list[str]:
    """The lines with a final newline, so a marker never runs on from the last line."""
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines


def merge_texts(
    base: str, theirs: str, yours: str, labels: tuple[str, str] = (THEIRS_LABEL, YOURS_LABEL)
) -> MergeResult:
    """Merge `yours` and `theirs`, both made from `base`; `labels` name the two sides at the
    markers around each conflict."""
    if theirs == yours:
        return MergeResult(yours)
    merged: list[str] = []
    conflicts: list[Conflict] = []
    merger = merge3.Merge3(_lines(base), _lines(theirs), _lines(yours))
    for group in merger.merge_groups():
        kind = group[0]
        if kind != "conflict":
            merged.extend(group[1])
            continue
        _kind, base_lines, their_lines, your_lines = group
        conflicts.append(
            Conflict(
                line=len(merged) + 1,
                base=[line.rstrip("\n") for line in base_lines],
                theirs=[line.rstrip("\n") for line in their_lines],
                yours=[line.rstrip("\n") for line in your_lines],
            )
        )
        if merged:
            merged = _ended(merged)
        merged.append(START_MARKER + labels[0] + "\n")
        merged.extend(_ended(their_lines))
        merged.append(MID_MARKER + "\n")
        merged.extend(_ended(your_lines))
        merged.append(END_MARKER + labels[1] + "\n")
    return MergeResult("".join(merged), conflicts)


def has_conflict_markers(text: str) -> bool:
    """True if the text still holds a conflict's start or end marker (a line that begins with
    seven < or > and a space, as this module and git write them)."""
    return any(line.startswith((START_MARKER, END_MARKER)) for line in text.splitlines())
