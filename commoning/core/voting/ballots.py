"""The decision file: parse, check and normalise it into a `Decision` the counting methods read.

The format is the one `commoning decide tally` reads (docs/subsystems/decisions.md). Every bound
comes from commoning.core.limits; anything outside the format is a `DecisionError` with a
one-line message naming where it is. Normalising keeps only each voter's effective ballot (a
later ballot replaces an earlier one), so the counting methods never see a replaced ballot.
"""

from dataclasses import dataclass

import orjson

from commoning.core import limits
from commoning.core.canonical import MAX_SAFE_INTEGER

METHODS = ("consent", "majority", "approval", "score", "irv", "schulze", "stv")
RANKED_METHODS = ("irv", "schulze", "stv")
# The key that carries a ballot's content, per method.
BALLOT_KEY = {
    "consent": "choice",
    "majority": "choice",
    "approval": "approve",
    "score": "scores",
    "irv": "ranking",
    "schulze": "ranking",
    "stv": "ranking",
}
CHOICES = {"consent": ("yes", "abstain", "object"), "majority": ("yes", "no", "abstain")}
TOP_LEVEL_KEYS = {"method", "options", "seats", "electorate", "quorum", "threshold", "score_max",
                  "ballots"}
DEFAULT_THRESHOLD = (1, 2)
DEFAULT_SCORE_MAX = 5


class DecisionError(ValueError):
    """The decision file is not in the format, or is outside its bounds."""


@dataclass(frozen=True)
class Decision:
    """A checked decision: its parameters and each voter's effective ballot, sorted by voter.

    `ballots` holds each ballot's content as the methods read it, by option index: a tuple of
    indices (ranking, approve), a tuple of (index, score) pairs (scores), or a choice string.
    `normalised` is the same decision as plain JSON values, the input side of the digest.
    """

    method: str
    options: tuple[str, ...]
    seats: int
    electorate: int
    quorum: int
    threshold: tuple[int, int]
    score_max: int
    voters: tuple[str, ...]
    ballots: tuple
    normalised: dict

    @property
    def ballots_cast(self) -> int:
        """Every effective ballot counts towards the quorum, abstentions and empty ones too."""
        return len(self.ballots)

    @property
    def tie_order(self) -> tuple[int, ...]:
        """Option indices in the order that wins ties: by option id, by Unicode code point.

        The one tie rule of every method: among tied options, the one whose id sorts first is
        preferred (wins, or survives an elimination).
        """
        return tuple(sorted(range(len(self.options)), key=self.options.__getitem__))


def parse_decision(raw: bytes) -> Decision:
    """Parse the bytes of a decision file and check them (see `check_decision`)."""
    if len(raw) > limits.MAX_DECISION_FILE_BYTES:
        raise DecisionError(
            f"the file has {len(raw)} bytes; at most {limits.MAX_DECISION_FILE_BYTES} are read")
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DecisionError(f"not valid JSON: {error}") from error
    return check_decision(value)


def _integer(value, where: str, low: int, high: int) -> int:
    # type() rather than isinstance: JSON true is not the number 1.
    if type(value) is not int or not low <= value <= high:
        raise DecisionError(f"{where} must be an integer from {low} to {high}")
    return value


def _identifier(value, where: str) -> str:
    if type(value) is not str or not 0 < len(value) <= limits.MAX_DECISION_ID_CHARS:
        raise DecisionError(
            f"{where} must be a non-empty string of at most {limits.MAX_DECISION_ID_CHARS} "
            "characters")
    return value


def check_decision(value) -> Decision:
    """Check a parsed decision file and normalise it.

    A voter's later ballot replaces the earlier: when every ballot of a voter carries `seq`
    (a positive integer, the voter's own sequence number), the highest seq counts and two
    ballots with the same seq are refused; when none does, the last one in the file counts.
    A voter may not mix ballots with and without seq.
    """
    if type(value) is not dict:
        raise DecisionError("the decision must be a JSON object")
    unknown = sorted(set(value) - TOP_LEVEL_KEYS)
    if unknown:
        raise DecisionError(f"unknown field {unknown[0]!r}")
    method = value.get("method")
    if method not in METHODS:
        raise DecisionError(f"method must be one of {', '.join(METHODS)}")
    options = _check_options(value.get("options", []), method)
    seats = _integer(value.get("seats", 1), "seats", 1, max(1, len(options)))
    if seats > 1 and method not in ("approval", "score", "stv"):
        raise DecisionError(f"{method} fills one seat; use stv, approval or score for several")
    electorate = _integer(value.get("electorate"), "electorate", 1, MAX_SAFE_INTEGER)
    quorum = _integer(value.get("quorum", 0), "quorum", 0, electorate)
    threshold = _check_threshold(value.get("threshold", {"num": DEFAULT_THRESHOLD[0],
                                                         "den": DEFAULT_THRESHOLD[1]}))
    score_max = _integer(value.get("score_max", DEFAULT_SCORE_MAX), "score_max", 1,
                         limits.MAX_SCORE)
    raw_ballots = value.get("ballots")
    if type(raw_ballots) is not list:
        raise DecisionError("ballots must be a list")
    if len(raw_ballots) > limits.MAX_DECISION_BALLOTS:
        raise DecisionError(f"at most {limits.MAX_DECISION_BALLOTS} ballots are counted")
    effective = _effective_ballots(raw_ballots)
    if len(effective) > electorate:
        raise DecisionError(
            f"{len(effective)} voters cast ballots but the electorate is {electorate}")
    reader = _BallotReader(method, options, score_max)
    voters = tuple(sorted(effective))
    contents = []
    normalised_ballots = []
    for voter in voters:
        index, ballot = effective[voter]
        content, normalised = reader.read(ballot, f"ballots[{index}]")
        contents.append(content)
        normalised_ballots.append({"voter": voter, **normalised})
    normalised = {
        "method": method, "options": list(options), "seats": seats, "electorate": electorate,
        "quorum": quorum, "threshold": {"num": threshold[0], "den": threshold[1]},
        "score_max": score_max, "ballots": normalised_ballots,
    }
    return Decision(method, options, seats, electorate, quorum, threshold, score_max, voters,
                    tuple(contents), normalised)


def _check_options(options, method: str) -> tuple[str, ...]:
    if type(options) is not list or len(options) > limits.MAX_DECISION_OPTIONS:
        raise DecisionError(f"options must be a list of at most {limits.MAX_DECISION_OPTIONS}")
    checked = tuple(_identifier(option, f"options[{i}]") for i, option in enumerate(options))
    if len(set(checked)) != len(checked):
        raise DecisionError("options must be distinct")
    if method not in CHOICES and not checked:
        raise DecisionError(f"{method} needs at least one option")
    return checked


def _check_threshold(threshold) -> tuple[int, int]:
    if type(threshold) is not dict or set(threshold) != {"num", "den"}:
        raise DecisionError('threshold must be {"num": N, "den": D}')
    den = _integer(threshold["den"], "threshold.den", 1, limits.MAX_THRESHOLD_DENOMINATOR)
    num = _integer(threshold["num"], "threshold.num", 0, den - 1)
    return num, den


def _effective_ballots(raw_ballots: list) -> dict[str, tuple[int, dict]]:
    """Each voter's effective ballot with its place in the file, by the seq rule above."""
    chosen: dict[str, tuple[int, dict]] = {}
    for index, ballot in enumerate(raw_ballots):
        if type(ballot) is not dict:
            raise DecisionError(f"ballots[{index}] must be an object")
        voter = _identifier(ballot.get("voter"), f"ballots[{index}].voter")
        seq = ballot.get("seq")
        if seq is not None:
            _integer(seq, f"ballots[{index}].seq", 1, MAX_SAFE_INTEGER)
        earlier = chosen.get(voter)
        if earlier is None:
            chosen[voter] = (index, ballot)
            continue
        earlier_seq = earlier[1].get("seq")
        if (seq is None) != (earlier_seq is None):
            raise DecisionError(
                f"ballots[{index}]: voter {voter!r} has ballots with and without seq")
        if seq is None or seq > earlier_seq:
            chosen[voter] = (index, ballot)
        elif seq == earlier_seq:
            raise DecisionError(f"ballots[{index}]: voter {voter!r} has two ballots with seq {seq}")
    return chosen


class _BallotReader:
    """Reads one ballot's content for one method: (content by index, normalised JSON)."""

    def __init__(self, method: str, options: tuple[str, ...], score_max: int):
        self.method = method
        self.key = BALLOT_KEY[method]
        self.allowed_keys = {"voter", "seq", "reason", self.key}
        self.index_of = {option: index for index, option in enumerate(options)}
        self.options = options
        self.score_max = score_max

    def read(self, ballot: dict, where: str):
        if not ballot.keys() <= self.allowed_keys:
            extra = sorted(ballot.keys() - self.allowed_keys)[0]
            raise DecisionError(f"{where}: field {extra!r} does not belong on a {self.method} "
                                f"ballot (it takes {self.key!r})")
        if self.key not in ballot:
            raise DecisionError(f"{where}: a {self.method} ballot needs {self.key!r}")
        reason = ballot.get("reason")
        if reason is not None and (type(reason) is not str
                                   or len(reason) > limits.MAX_DECISION_REASON_CHARS):
            raise DecisionError(f"{where}.reason must be a string of at most "
                                f"{limits.MAX_DECISION_REASON_CHARS} characters")
        content = ballot[self.key]
        if self.key == "choice":
            return self._choice(content, reason, where)
        if self.key == "scores":
            return self._scores(content, where)
        indices = self._option_list(content, where)
        if self.key == "approve":
            indices = tuple(sorted(indices))  # a set: the order given carries no meaning
            return indices, {"approve": [self.options[index] for index in indices]}
        return indices, {"ranking": list(content)}  # checked: distinct option ids, in order

    def _choice(self, choice, reason, where: str):
        allowed = CHOICES[self.method]
        if choice not in allowed:
            raise DecisionError(f"{where}.choice must be one of {', '.join(allowed)}")
        if choice == "object" and not (reason or "").strip():
            raise DecisionError(f"{where}: an objection needs a reason")
        normalised = {"choice": choice}
        if reason:
            normalised["reason"] = reason
        return choice, normalised

    def _option_list(self, listed, where: str) -> tuple[int, ...]:
        if type(listed) is not list:
            raise DecisionError(f"{where}.{self.key} must be a list of option ids")
        try:
            indices = tuple(map(self.index_of.__getitem__, listed))
        except (KeyError, TypeError):
            unknown = next(o for o in listed if type(o) is not str or o not in self.index_of)
            raise DecisionError(f"{where}.{self.key}: {unknown!r} is not an option") from None
        if len(set(indices)) != len(indices):
            raise DecisionError(f"{where}.{self.key} names an option twice")
        return indices

    def _scores(self, scores, where: str):
        if type(scores) is not dict:
            raise DecisionError(f"{where}.scores must be an object of option id to score")
        pairs = []
        for option, score in scores.items():
            if option not in self.index_of:
                raise DecisionError(f"{where}.scores: {option!r} is not an option")
            _integer(score, f"{where}.scores.{option}", 0, self.score_max)
            if score:  # an unscored option scores 0: dropping zeros keeps one normal form
                pairs.append((self.index_of[option], score))
        pairs.sort()
        return tuple(pairs), {"scores": {self.options[index]: score for index, score in pairs}}
