"""Read and write Pabulib `.pb` files, the open format of participatory-budgeting data.

A file has three sections, each a line naming it (META, PROJECTS, VOTES), then a header line,
then rows; cells are separated by `;` and may be quoted as in CSV. META rows are key;value
(budget, vote_type, ...); PROJECTS rows need project_id and cost; VOTES rows need voter_id and
vote, the comma-separated ids of the projects the voter approved. Every column is kept, so a
file read and written again says the same. Costs and the budget are whole units (integers).
"""

import csv
import io
from dataclasses import dataclass, field

from commoning.core import limits

SECTIONS = ("meta", "projects", "votes")


class PabulibError(ValueError):
    """The file is not a Pabulib file we can read, or is outside its bounds."""


@dataclass
class PabulibFile:
    """A `.pb` file's content, every column kept as text, in file order."""

    meta: dict[str, str] = field(default_factory=dict)
    project_columns: list[str] = field(default_factory=lambda: ["project_id", "cost"])
    projects: list[dict[str, str]] = field(default_factory=list)
    vote_columns: list[str] = field(default_factory=lambda: ["voter_id", "vote"])
    votes: list[dict[str, str]] = field(default_factory=list)

    @property
    def budget(self) -> int:
        return whole_units(self.meta.get("budget"), "META budget")

    def costs(self) -> dict[str, int]:
        return {row["project_id"]: whole_units(row["cost"], f"cost of {row['project_id']}")
                for row in self.projects}

    def approvals(self) -> dict[str, int]:
        """Approvals per project, counted from VOTES (a PROJECTS votes column is ignored)."""
        counted = {row["project_id"]: 0 for row in self.projects}
        for row in self.votes:
            approved = [p.strip() for p in row["vote"].split(",") if p.strip()]
            if len(set(approved)) != len(approved):
                raise PabulibError(f"voter {row['voter_id']!r} approves a project twice")
            for project in approved:
                if project not in counted:
                    raise PabulibError(
                        f"voter {row['voter_id']!r} votes for unknown project {project!r}")
                counted[project] += 1
        return counted


def whole_units(text: str | None, where: str) -> int:
    """An integer amount; "1500.00" is read as 1500, "1500.5" is refused."""
    if text is None or not text.strip():
        raise PabulibError(f"{where} is missing")
    whole, _, fraction = text.strip().partition(".")
    if not whole.isdigit() or (fraction and set(fraction) != {"0"}):
        raise PabulibError(f"{where} must be a whole number, not {text.strip()!r}")
    return int(whole)


def read_pb(raw: bytes) -> PabulibFile:
    """Parse a `.pb` file's bytes (UTF-8, a byte-order mark allowed)."""
    if len(raw) > limits.MAX_PABULIB_FILE_BYTES:
        raise PabulibError(f"the file has {len(raw)} bytes; at most "
                           f"{limits.MAX_PABULIB_FILE_BYTES} are read")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PabulibError(f"not UTF-8 text: {error}") from error
    parsed = PabulibFile(project_columns=[], vote_columns=[])
    section = None
    header: list[str] | None = None
    try:
        for line_number, row in enumerate(csv.reader(io.StringIO(text), delimiter=";"), 1):
            if not row or not any(cell.strip() for cell in row):
                continue
            name = row[0].strip().lower()
            if name in SECTIONS and not any(cell.strip() for cell in row[1:]):
                section, header = name, None
                continue
            if section is None:
                raise PabulibError(f"line {line_number}: data before any META, PROJECTS or "
                                   "VOTES section")
            if header is None:
                header = [cell.strip() for cell in row]
                _check_header(section, header, line_number)
                if section == "projects":
                    parsed.project_columns = header
                elif section == "votes":
                    parsed.vote_columns = header
                continue
            _add_row(parsed, section, header, row, line_number)
    except csv.Error as error:
        raise PabulibError(f"not a readable ;-separated file: {error}") from error
    if not parsed.project_columns:
        raise PabulibError("the file has no PROJECTS section")
    if not parsed.vote_columns:
        parsed.vote_columns = ["voter_id", "vote"]
    return parsed


def _check_header(section: str, header: list[str], line_number: int) -> None:
    needed = {"meta": ("key", "value"), "projects": ("project_id", "cost"),
              "votes": ("voter_id", "vote")}[section]
    missing = [column for column in needed if column not in header]
    if missing:
        raise PabulibError(f"line {line_number}: the {section.upper()} header lacks "
                           f"{', '.join(missing)}")


def _add_row(parsed: PabulibFile, section: str, header: list[str], row: list[str],
             line_number: int) -> None:
    if len(row) > len(header):
        raise PabulibError(f"line {line_number}: {len(row)} cells under a header of "
                           f"{len(header)}")
    values = dict(zip(header, [cell.strip() for cell in row] + [""] * (len(header) - len(row)),
                      strict=True))
    if section == "meta":
        parsed.meta[values["key"]] = values["value"]
    elif section == "projects":
        if len(parsed.projects) >= limits.MAX_PABULIB_PROJECTS:
            raise PabulibError(f"more than {limits.MAX_PABULIB_PROJECTS} projects")
        if not values["project_id"]:
            raise PabulibError(f"line {line_number}: a project without project_id")
        parsed.projects.append(values)
    else:
        parsed.votes.append(values)


def write_pb(content: PabulibFile) -> str:
    """The `.pb` text of `content`: META, PROJECTS, VOTES, `;`-separated, quoted only where a
    cell needs it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(content.meta.items())
    writer.writerow(["PROJECTS"])
    writer.writerow(content.project_columns)
    writer.writerows([row.get(c, "") for c in content.project_columns] for row in content.projects)
    writer.writerow(["VOTES"])
    writer.writerow(content.vote_columns)
    writer.writerows([row.get(c, "") for c in content.vote_columns] for row in content.votes)
    return out.getvalue()
