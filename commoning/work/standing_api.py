"""The API's view of a member's standing in peer production: the schemas the accounts app's
member detail embeds, and their recent contributions, keyset-paged. Thin: reads go through
commoning.work.standing."""

from ninja import Field, Schema

from commoning.work import standing


class RoleHeldOut(Schema):
    commons_id: str
    commons_name: str
    role: str = Field(description="founder or maintainer")
    how: str = Field(description="founded, earned (by the commons' rules) or appointed")
    since_ts: int = Field(description="When the role began, in milliseconds since the epoch.")
    grant_id: str = Field(description="The grant entry; empty for a founder.")
    lapsed: bool = Field(description="Ended by the commons' inactivity rule, not yet recorded.")


class ValidatedInCommonsOut(Schema):
    commons_id: str
    name: str
    count: int
    effort_minutes: int
    kinds: dict[str, dict[str, int]]


class ValidatedWorkOut(Schema):
    validated: int = Field(description="Validated contributions (what a credential certifies).")
    effort_minutes: int
    commons: list[ValidatedInCommonsOut]


class MemberStandingOut(Schema):
    roles_held: list[RoleHeldOut]
    validated_work: ValidatedWorkOut
    recent_work: str = Field(
        description="Where the member's contributions are listed, newest first, keyset-paged."
    )


def standing_out(member_id: str) -> dict:
    return {
        "roles_held": standing.roles_held(member_id),
        "validated_work": standing.validated_work(member_id),
        "recent_work": f"/api/work/members/{member_id}/contributions",
    }
