"""The only write paths of commons: create one, change its record. Each is `@atomic_action`
(commoning/log/atomic.py): what it appends commits or rolls back as one."""

from commoning.accounts.access import signing_key_for
from commoning.commons.access import get_commons, may_edit
from commoning.commons.events import DESCRIPTION_MAX, NAME_MAX
from commoning.commons.models import Commons
from commoning.core import fields
from commoning.core.entry import sha256_hex
from commoning.core.licences import LicenceError, canonical_licence
from commoning.log.append import append
from commoning.log.atomic import atomic_action
from commoning.log.registry import Forbidden, Rejected


def _licence(value) -> str:
    try:
        return canonical_licence(value)
    except LicenceError as error:
        raise fields.FieldError("licence", str(error).removeprefix("licence: ")) from error


@atomic_action
def create_commons(user, *, name: str, licence: str, description: str = "") -> Commons:
    account, key = signing_key_for(user)
    data = {
        "name": fields.clean_text(name, "name", max_length=NAME_MAX),
        "licence": _licence(licence),
    }
    description = fields.clean_text(
        description, "description", max_length=DESCRIPTION_MAX, min_length=0, multiline=True
    )
    entry = append(
        key,
        net=account.net,
        type="commons.create",
        data=data,
        attachment=description.encode() if description else None,
    )
    return Commons.objects.get(id=entry.id)


@atomic_action
def update_commons(user, commons_id: str, *, name=None, licence=None, description=None) -> Commons:
    """Change the fields given; a field equal to its current value is left out, and when
    nothing is left no entry is written (so a form saved twice, or a retried PATCH, is a no-op).
    """
    account, key = signing_key_for(user)
    commons = get_commons(account.net, commons_id)
    if commons is None:
        raise Rejected("no such commons", status=404)
    data = {"commons": commons_id}
    if name is not None:
        data["name"] = fields.clean_text(name, "name", max_length=NAME_MAX)
    if licence is not None:
        data["licence"] = _licence(licence)
    attachment = None
    if description is not None:
        attachment = fields.clean_text(
            description, "description", max_length=DESCRIPTION_MAX, min_length=0, multiline=True
        ).encode()
    for field in ("name", "licence"):
        if data.get(field) == getattr(commons, field):
            del data[field]
    current_description_hash = commons.description_hash or sha256_hex(b"")
    if attachment is not None and sha256_hex(attachment) == current_description_hash:
        attachment = None
    if len(data) == 1 and attachment is None:
        if not may_edit(account.member_id, commons):
            raise Forbidden("only the commons' founder may change its record")
        return commons
    append(
        key,
        net=account.net,
        type="commons.update",
        data=data,
        deps=[commons_id],
        attachment=attachment,
    )
    return Commons.objects.get(id=commons_id)
