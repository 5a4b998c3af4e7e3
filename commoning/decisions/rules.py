"""The parameters of decisions, in one place: bounds, kinds, methods, windows."""

from commoning.core import limits
from commoning.core.voting.ballots import METHODS

KINDS = ("ordinary", "statutes", "election", "spending")
# A proposal's effect implies its kind unless one is given (the statutes' defaults differ).
KIND_OF_EFFECT = {"statutes": "statutes", "elect": "election", "grant": "spending"}
YES_NO_METHODS = ("consent", "majority")
ALL_METHODS = METHODS
QUESTION_MAX = 300
OPTION_MAX = 80  # an option's text is its id in the decision file (at most 200 there)
OPTIONS_MAX = 40
TOPIC_MAX = 80
REASON_MAX = 2_000
SCORE_MAX_LIMIT = 100
MINUTE_MS = 60_000
WINDOW_MIN_MS = MINUTE_MS  # a vote stays open at least a minute
WINDOW_MAX_MS = 90 * 24 * 60 * MINUTE_MS  # and at most 90 days
# A close or a tally sheet lists its counted entries in deps (the log parks it until each has
# arrived): the proposal takes one of the 16 deps, the rest are ballots, delegations or sheets.
COUNTED_PER_ENTRY = 15

assert OPTION_MAX <= limits.MAX_DECISION_ID_CHARS
