"""Recording many contributions at once, for imports: all in one action, all or nothing.

Each item is recorded by the same action a single recording uses (record_contribution), in its
own savepoint inside the batch's transaction, so every item meets the same checks. If any item
is refused, the whole batch rolls back and the refusal names every refused item by its index.
"""

from commoning.core import limits
from commoning.core.fields import FieldError
from commoning.log.atomic import atomic_action
from commoning.log.registry import Rejected
from commoning.work.actions import record_contribution


class BatchRefused(Rejected):
    """Some items of a batch were refused; nothing of the batch was stored.

    `items` holds one {index, status, message, field?} per refused item; `status` is the first
    refused item's HTTP status (a batch refused for its rate or rights says so, not "invalid").
    """

    def __init__(self, items: list[dict]):
        count = len(items)
        super().__init__(
            f"{count} of the items were refused; nothing was recorded", status=items[0]["status"]
        )
        self.items = items


@atomic_action
def record_contributions(user, commons_id: str, items: list[dict]) -> list:
    """Record every item (the keyword arguments of record_contribution) or none of them."""
    if not 1 <= len(items) <= limits.CONTRIBUTIONS_PER_BATCH:
        raise FieldError(
            "items", f"must hold 1 to {limits.CONTRIBUTIONS_PER_BATCH} contributions"
        )
    recorded, refused = [], []
    for index, item in enumerate(items):
        try:
            recorded.append(record_contribution(user, commons_id, **item))
        except FieldError as error:
            refused.append({"index": index, "status": 422, "field": error.field,
                            "message": str(error)})
        except Rejected as error:
            refused.append({"index": index, "status": error.status, "message": error.reason})
    if refused:
        raise BatchRefused(refused)
    return recorded
