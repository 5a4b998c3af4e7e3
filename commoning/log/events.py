"""Entry types the log owns: `log.genesis`, which founds a network."""

from commoning.core import fields
from commoning.log.models import Network
from commoning.log.registry import Rejected, register, register_projection


def check_genesis(entry):
    if entry.net is not None or entry.seq != 1:
        raise Rejected("a genesis entry has a null net and seq 1")
    fields.only_fields(entry.data, {"name"}, {"name"})
    fields.text(entry.data, "name", max_length=200)


def apply_genesis(entry):
    Network.objects.create(
        id=entry.id, name=entry.data["name"], founder_key=entry.author, created_ts=entry.ts
    )


register("log.genesis", check=check_genesis, apply=apply_genesis, needs_member=False)
register_projection(Network)
