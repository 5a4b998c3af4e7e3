"""Which rules judge a contribution and where it stands by them, read at read time: the rules a
contribution named when it was recorded (never re-judged by later ones), its verdict now, and a
member's standing or outdated judgement of it. access.py re-exports these for views and API.
"""

import functools
from dataclasses import dataclass

from django.db import connection

from commoning.log import clock
from commoning.work import rules as work_rules
from commoning.work.events import rules_from_version
from commoning.work.models import CommonsRules, Contribution, ForkLink, RulesVersion, Validation


# -- rules ---------------------------------------------------------------------------------------
@functools.cache
def _rules_in_force_sql() -> str:
    """The commons' own rules version, else the one a fork inherited (NULL for neither): one
    round trip on every recording instead of two ORM queries. Both tables are keyed by the
    commons, so each scalar subquery reads at most one row."""
    # Only model table and column names go into the text (quoted); the id is a parameter.
    quote = connection.ops.quote_name
    own = (f"SELECT {quote('rules_id')} FROM {quote(CommonsRules._meta.db_table)} "  # noqa: S608
           f"WHERE {quote('commons_id')} = %s")
    inherited = (f"SELECT {quote('origin_rules_id')} FROM "  # noqa: S608
                 f"{quote(ForkLink._meta.db_table)} "
                 f"WHERE {quote('fork_id')} = %s")
    return f"SELECT COALESCE(({own}), ({inherited}))"


def rules_for(commons_id: str) -> work_rules.Rules:
    """The rules in force: the commons' latest published version, a fork's inherited version,
    or the defaults."""
    with connection.cursor() as cursor:
        cursor.execute(_rules_in_force_sql(), [commons_id, commons_id])
        current = cursor.fetchone()[0]
    version = RulesVersion.objects.filter(id=current).first() if current else None
    return rules_from_version(version) if version else work_rules.Rules()


def rules_by_id(commons_id: str, rules_id: str) -> work_rules.Rules:
    """The rules a contribution named when it was recorded: a version, the commons id for the
    defaults, or "" for an entry that named none (it follows the rules in force)."""
    if not rules_id:
        return rules_for(commons_id)
    if rules_id == commons_id:
        return work_rules.Rules()
    version = RulesVersion.objects.filter(id=rules_id).first()
    return rules_from_version(version) if version else rules_for(commons_id)


def rules_judging(contribution: Contribution) -> work_rules.Rules:
    """The rules that judge a contribution, fixed when it was recorded: a later change of the
    commons' rules never re-judges it."""
    return rules_by_id(contribution.commons_id, contribution.rules_id)


@dataclass
class RulesNote:
    """Which rules judged a contribution, for people: the version's date, and whether newer
    rules were in force when it was recorded... or are now."""

    rules: work_rules.Rules
    version: RulesVersion | None  # None for the defaults
    named: bool  # False for an entry from before contributions named their rules
    newer: RulesVersion | None  # the version in force now, when it is a different one


class RulesNotes:
    """`rules_note` looked up once per (commons, named version) while a list is built."""

    def __init__(self):
        self.found: dict = {}

    def __call__(self, contribution: Contribution) -> RulesNote:
        key = (contribution.commons_id, contribution.rules_id)
        if key not in self.found:
            self.found[key] = rules_note(contribution)
        return self.found[key]


def rules_note(contribution: Contribution) -> RulesNote:
    rules = rules_judging(contribution)
    version = RulesVersion.objects.filter(id=rules.rules_id).first() if rules.rules_id else None
    current = rules_for(contribution.commons_id)
    newer = None
    if current.rules_id and current.rules_id != rules.rules_id:
        newer = RulesVersion.objects.filter(id=current.rules_id).first()
    return RulesNote(rules, version, bool(contribution.rules_id), newer)


def verdict(
    contribution: Contribution, rules: work_rules.Rules | None = None, now: int | None = None
):
    """Where a contribution stands now, by the rules that judge it (`rules_judging`)."""
    return work_rules.contribution_verdict(
        rules=rules or rules_judging(contribution),
        approval_times=work_rules.parse_times(contribution.approval_times),
        approvals=contribution.approvals,
        standing_objections=contribution.standing_objections,
        hidden=contribution.hidden,
        now_ms=now if now is not None else clock.now_ms(),
    )


class RulesCache:
    """Rules looked up once per (commons, named version) while a page is built."""

    def __init__(self):
        self.found: dict = {}

    def __call__(self, commons_id: str, rules_id: str) -> work_rules.Rules:
        key = (commons_id, rules_id)
        if key not in self.found:
            self.found[key] = rules_by_id(commons_id, rules_id)
        return self.found[key]


def with_verdicts(contributions, now: int | None = None) -> list:
    """Attach `.verdict` and `.kind_label` (what people read for a commons' own kind) to each
    contribution (rules looked up once per version)."""
    now = now if now is not None else clock.now_ms()
    cache = RulesCache()
    rows = list(contributions)
    for row in rows:
        rules = cache(row.commons_id, row.rules_id)
        row.verdict = verdict(row, rules, now)
        row.kind_label = rules.kind_label(row.kind)
    return rows


def standing_judgement(contribution: Contribution, member_id: str | None) -> Validation | None:
    """The member's standing judgement of the contribution's current version, if any."""
    if not member_id:
        return None
    return Validation.objects.filter(
        contribution_id=contribution.id, member_id=member_id, standing=True
    ).first()


def outdated_judgement(contribution: Contribution, member_id: str | None) -> Validation | None:
    """The member's latest judgement when it judged an earlier version (so it no longer counts
    and they may judge again), else None."""
    if not member_id:
        return None
    latest = (
        Validation.objects.filter(contribution_id=contribution.id, member_id=member_id)
        .order_by("-clock")
        .first()
    )
    if latest is None or latest.withdrawn:
        return None
    if (latest.version or contribution.id) == (contribution.version or contribution.id):
        return None
    return latest
