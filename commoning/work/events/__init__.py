"""Entry types of peer production: what each `work.*` entry must satisfy and how it changes
the projection.

Every rule here reads only the entry and its causal past: each entry lists in `deps` what it
relies on (the task a claim names, the contribution a validation judges, the role that makes its
author a maintainer, the approvals that earn a role). Mutable columns are monotone flags,
counters recomputed from the set of rows, or last-writer-wins fields, so any delivery order of
the same entries gives the same tables. Nothing here reads the clock.
"""

from commoning.log.registry import register, register_projection
from commoning.work.events.artifact_files import apply_artifact_file, check_artifact_file
from commoning.work.events.artifacts import (
    apply_artifact,
    apply_fork,
    apply_revision,
    check_artifact,
    check_fork,
    check_revision,
    lineage,
)
from commoning.work.events.common import EFFORT_MAX, NOTE_MAX, REASON_MAX, TITLE_MAX
from commoning.work.events.contributions import (
    MEDIA_TYPE,
    apply_amend,
    apply_contribution,
    apply_evidence,
    check_amend,
    check_contribution,
    check_evidence,
)
from commoning.work.events.roles import apply_role, check_role, rules_from_version
from commoning.work.events.rules import RULE_NUMBERS, apply_rules, check_rules
from commoning.work.events.tasks import (
    apply_claim,
    apply_task,
    apply_unclaim,
    check_claim,
    check_task,
    check_unclaim,
)
from commoning.work.events.validations import (
    apply_hide,
    apply_settle,
    apply_validation,
    apply_withdraw,
    check_hide,
    check_settle,
    check_validation,
    check_withdraw,
)
from commoning.work.models import (
    Artifact,
    ArtifactFile,
    Claim,
    CommonsRules,
    Contribution,
    ContributionVersion,
    CreditTally,
    Evidence,
    ForkLink,
    MaintainerAct,
    ReputationTally,
    Revision,
    RoleChange,
    RulesVersion,
    Task,
    TaskCount,
    Validation,
)

# What actions and reads use from here: the limits, and the rules they share with the rules.
__all__ = ["EFFORT_MAX", "MEDIA_TYPE", "NOTE_MAX", "REASON_MAX", "RULE_NUMBERS", "TITLE_MAX",
           "lineage", "rules_from_version"]

register("work.rules", check=check_rules, apply=apply_rules)
register("work.task", check=check_task, apply=apply_task)
register("work.claim", check=check_claim, apply=apply_claim)
register("work.unclaim", check=check_unclaim, apply=apply_unclaim)
register("work.contribution", check=check_contribution, apply=apply_contribution)
register("work.amend", check=check_amend, apply=apply_amend)
register("work.validation", check=check_validation, apply=apply_validation)
register("work.withdraw", check=check_withdraw, apply=apply_withdraw)
register("work.settle", check=check_settle, apply=apply_settle)
register("work.hide", check=check_hide, apply=apply_hide)
register("work.role", check=check_role, apply=apply_role)
register("work.artifact", check=check_artifact, apply=apply_artifact)
register("work.revision", check=check_revision, apply=apply_revision)
register("work.fork", check=check_fork, apply=apply_fork)
register("work.evidence", check=check_evidence, apply=apply_evidence)
register("work.artifact_file", check=check_artifact_file, apply=apply_artifact_file)
for model in (
    RulesVersion,
    CommonsRules,
    Task,
    Claim,
    Contribution,
    ContributionVersion,
    Validation,
    RoleChange,
    MaintainerAct,
    Artifact,
    Revision,
    ForkLink,
    Evidence,
    ArtifactFile,
    CreditTally,
    ReputationTally,
    TaskCount,
):
    register_projection(model)
