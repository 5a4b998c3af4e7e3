"""Entry types of decisions: propose, ballot, delegate and revoke (the closing ones are in
closing.py). Each rule reads only the entry and its causal past: the proposal it names in deps
and the association as the proposal's roster deps saw it (frozen electorate)."""

from commoning.core import fields
from commoning.core.voting.ballots import BALLOT_KEY, DecisionError, check_decision
from commoning.decisions import closing, effects, rules
from commoning.decisions.electorate import quorum_from_percent, roster_heads_in, view_of
from commoning.decisions.models import Ballot, Delegation, Proposal
from commoning.log.registry import Forbidden, Rejected, member_of, register, register_projection

PROPOSE_FIELDS = {"question", "kind", "method", "options", "seats", "quorum", "threshold",
                  "score_max", "closes_at", "topic", "hide_results", "effect"}
FALLBACK_DEFAULTS = (0, 1, 2)  # no quorum, more than half: for a kind the statutes lack


def kind_of(data: dict) -> str:
    """The decision kind: as given, else implied by the effect, else ordinary."""
    if "kind" in data:
        return data["kind"]
    effect = data.get("effect")
    if type(effect) is dict:
        return rules.KIND_OF_EFFECT.get(effect.get("kind"), "ordinary")
    return "ordinary"


def _options(data: dict, method: str) -> list[str]:
    options = data.get("options", [])
    if type(options) is not list or len(options) > rules.OPTIONS_MAX:
        raise Rejected(f"options must be a list of at most {rules.OPTIONS_MAX}")
    for index, _option in enumerate(options):
        fields.text({"option": options[index]}, "option", max_length=rules.OPTION_MAX)
    if method in rules.YES_NO_METHODS and options:
        raise Rejected("consent and majority have their own choices; give no options")
    return options


def decision_parameters(data: dict, statutes, electorate_size: int) -> dict:
    """The decision file's header for a proposal (no ballots): every default filled in from
    the statutes, then checked by the counting core itself so the close can always count."""
    method = data.get("method")
    if method not in rules.ALL_METHODS:
        raise Rejected(f"method must be one of {', '.join(rules.ALL_METHODS)}")
    kind = kind_of(data)
    if kind not in rules.KINDS:
        raise Rejected(f"kind must be one of {', '.join(rules.KINDS)}")
    quorum_percent, num, den = (statutes.defaults.get(kind, FALLBACK_DEFAULTS)
                                if statutes is not None else FALLBACK_DEFAULTS)
    header = {
        "method": method,
        "options": _options(data, method),
        "seats": data.get("seats", 1),
        "electorate": electorate_size,
        "quorum": data.get("quorum", quorum_from_percent(quorum_percent, electorate_size)),
        "threshold": data.get("threshold", {"num": num, "den": den}),
        "score_max": data.get("score_max", 5),
    }
    if type(header["score_max"]) is not int or header["score_max"] > rules.SCORE_MAX_LIMIT:
        raise Rejected(f"score_max must be an integer of at most {rules.SCORE_MAX_LIMIT}")
    try:
        check_decision({**header, "ballots": []})
    except DecisionError as error:
        raise Rejected(str(error)) from error
    return header


def check_propose(entry):
    data = entry.data
    fields.only_fields(data, PROPOSE_FIELDS, {"question", "method", "closes_at"})
    fields.text(data, "question", max_length=rules.QUESTION_MAX)
    view = view_of(entry.net, roster_heads_in(entry))
    if not view.founded:
        raise Rejected("a proposal must list the association's roster in deps")
    if member_of(entry) not in view.members:
        raise Forbidden("only members of the association may propose")
    decision_parameters(data, view.statutes, len(view.members))
    fields.integer(data, "closes_at", minimum=entry.ts + rules.WINDOW_MIN_MS,
                   maximum=entry.ts + rules.WINDOW_MAX_MS)
    if "topic" in data:
        fields.text(data, "topic", max_length=rules.TOPIC_MAX)
    if "hide_results" in data and type(data["hide_results"]) is not bool:
        raise Rejected("hide_results must be true or false")
    if "effect" in data:
        effects.check_effect(data["effect"], data)


def apply_propose(entry):
    data = entry.data
    heads = roster_heads_in(entry)
    view = view_of(entry.net, heads)
    header = decision_parameters(data, view.statutes, len(view.members))
    Proposal.objects.create(
        id=entry.id, net=entry.net, proposer_id=member_of(entry), kind=kind_of(data),
        method=header["method"], question=data["question"], options=header["options"],
        seats=header["seats"], quorum=header["quorum"],
        threshold_num=header["threshold"]["num"], threshold_den=header["threshold"]["den"],
        score_max=header["score_max"], topic=data.get("topic", ""),
        hide_results=data.get("hide_results", False), effect=data.get("effect"),
        electorate_size=len(view.members), roster_heads=heads, created_ts=entry.ts,
        closes_at=data["closes_at"],
    )


def proposal_named(entry) -> Proposal:
    """The proposal an entry names in data and in deps, or Rejected."""
    proposal_id = fields.entry_id(entry.data, "proposal")
    if proposal_id not in entry.deps:
        raise Rejected("an entry about a proposal must list it in deps")
    proposal = Proposal.objects.filter(id=proposal_id, net=entry.net).first()
    if proposal is None:
        raise Rejected("no such proposal in this network")
    return proposal


def ballot_content(proposal: Proposal, data: dict) -> dict:
    """The ballot as the decision file writes it (no voter), checked by the counting core."""
    content = {key: value for key, value in data.items() if key != "proposal"}
    fields.only_fields(content, {BALLOT_KEY[proposal.method], "reason"})  # never voter or seq
    reason = content.get("reason")
    if reason is not None and (type(reason) is not str or len(reason) > rules.REASON_MAX):
        raise Rejected(f"a reason has at most {rules.REASON_MAX} characters")
    try:
        check_decision({"method": proposal.method, "options": proposal.options,
                        "seats": proposal.seats, "electorate": 1,
                        "score_max": proposal.score_max,
                        "ballots": [{"voter": "v", **content}]})
    except DecisionError as error:
        raise Rejected(str(error).removeprefix("ballots[0]").lstrip(": .")) from error
    return content


def check_ballot(entry):
    proposal = proposal_named(entry)
    if entry.ts >= proposal.closes_at:
        raise Rejected("the vote on this proposal has closed")
    if member_of(entry) not in view_of(entry.net, proposal.roster_heads).members:
        raise Forbidden("only the proposal's electorate may vote on it")
    ballot_content(proposal, entry.data)


def apply_ballot(entry):
    proposal = Proposal.objects.get(id=entry.data["proposal"])
    Ballot.objects.create(id=entry.id, net=entry.net, proposal_id=proposal.id,
                          voter_id=member_of(entry), seq=entry.seq, ts=entry.ts,
                          content=ballot_content(proposal, entry.data))


def check_delegate(entry):
    fields.only_fields(entry.data, {"topic", "delegate"}, {"topic", "delegate"})
    fields.text(entry.data, "topic", max_length=rules.TOPIC_MAX)
    if fields.entry_id(entry.data, "delegate") == member_of(entry):
        raise Rejected("a member cannot delegate to themselves")


def check_revoke(entry):
    fields.only_fields(entry.data, {"topic"}, {"topic"})
    fields.text(entry.data, "topic", max_length=rules.TOPIC_MAX)


def apply_delegation(entry):
    Delegation.objects.create(id=entry.id, net=entry.net, voter_id=member_of(entry),
                              topic=entry.data["topic"], delegate_id=entry.data.get("delegate"),
                              seq=entry.seq, ts=entry.ts)


register("decision.propose", check=check_propose, apply=apply_propose)
register("decision.ballot", check=check_ballot, apply=apply_ballot)
register("decision.delegate", check=check_delegate, apply=apply_delegation)
register("decision.revoke", check=check_revoke, apply=apply_delegation)
closing.register_types()
for model in (Proposal, Ballot, Delegation):
    register_projection(model)
