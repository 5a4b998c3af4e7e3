"""Write paths of admission: the node admits a key with a key it holds for an admitted member.

A node that founded its network admits with the founder's key. A node that joined one has an
operator key (created when it joins): a member of the network admits that key once
(`commoning admit KEY` on their node), and the node then writes the operator's identity and
admits new sign-ups with it (docs/decisions/0007-admission.md).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from commoning.accounts.admission import ADMIT, IDENTITY
from commoning.accounts.keystore import load_key, new_key
from commoning.accounts.models import CustodialKey, DeviceKey
from commoning.core.entry import Entry
from commoning.core.signing import SigningKey
from commoning.log.append import append
from commoning.log.models import Admission, Network
from commoning.log.registry import Rejected

OPERATOR = "operator"


def operator_key() -> SigningKey:
    """This node's operator key (a member key once admitted), created on first use."""
    row = CustodialKey.objects.filter(purpose=OPERATOR).order_by("created_at").first()
    return load_key(row.public_key) if row else new_key(OPERATOR)


def admitting_key(net: str) -> SigningKey:
    """A key this node holds that may admit others into `net`: the founder's, else the
    operator's (its identity is written here the first time, once its admission is in)."""
    founder = Network.objects.filter(id=net).values_list("founder_key", flat=True).first()
    if founder and CustodialKey.objects.filter(public_key=founder).exists():
        return load_key(founder)
    operator = list(
        CustodialKey.objects.filter(purpose=OPERATOR).values_list("public_key", flat=True)
    )
    for public_key in operator:
        if DeviceKey.objects.filter(net=net, public_key=public_key).exists():
            return load_key(public_key)
        admits = list(
            Admission.objects.filter(net=net, key=public_key).values_list("admit_id", flat=True)
        )
        if admits:
            key = load_key(public_key)
            append(key, net=net, type=IDENTITY,
                   data={"name": _("Operator of node %(key)s") % {"key": public_key[:8]},
                         "custody": "node"},
                   deps=admits[:16])
            return key
    if not operator:
        raise Rejected(_("This node cannot admit new members yet: its operator must run "
                         "commoning operator-key and have a member of the network admit that "
                         "key."), status=409)
    raise Rejected(
        _("This node cannot admit new members yet: a member of the network must first admit "
          "its operator key (commoning admit %(key)s on their node).") % {"key": operator[0]},
        status=409,
    )


def admit_key(net: str, public_key: str) -> Entry:
    """Admit a device key into the network, signed by a key this node holds for a member."""
    with transaction.atomic():
        return append(admitting_key(net), net=net, type=ADMIT, data={"key": public_key})
