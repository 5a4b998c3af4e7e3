"""Anyone may expire a payment the payee never answered, once the payee's own feed shows the
deadline has passed; an accept must be dated before it. So a backdated accept and an expiry
never both count."""

from commoning.credit.actions import do_accept, do_transfer
from commoning.credit.models import Transfer
from commoning.credit.rules import DAY_MS, EXPIRY_DAYS
from commoning.credit.testing import make_currency
from commoning.credit.tests.kit import member_id
from commoning.log import clock
from commoning.testing import HostileNode


def _later(monkeypatch, days):
    ahead = clock.now_ms() + days * DAY_MS
    monkeypatch.setattr(clock, "now_ms", lambda: ahead)
    return ahead


def test_an_expiry_before_the_deadline_is_rejected(net, alice, bob, carol):
    currency_id = make_currency(net, alice)
    transfer_id = do_transfer(alice, currency_id, member_id(bob), 500)
    anchor = HostileNode.of(bob).write("commons.create", {"name": "Mill", "licence": "MIT"})
    written = HostileNode.of(carol).write(
        "credit.expire", {"transfer": transfer_id, "anchor": anchor.id},
        deps=sorted([transfer_id, anchor.id]))
    assert written.status == "rejected"
    assert Transfer.objects.get(id=transfer_id).status == "pending"


def test_an_expiry_anchored_after_the_deadline_releases_the_payment(net, alice, bob, carol,
                                                                   monkeypatch):
    currency_id = make_currency(net, alice)
    transfer_id = do_transfer(alice, currency_id, member_id(bob), 500)
    _later(monkeypatch, EXPIRY_DAYS + 1)
    anchor = HostileNode.of(bob).write("commons.create", {"name": "Mill", "licence": "MIT"})
    assert anchor.applied
    written = HostileNode.of(carol).write(
        "credit.expire", {"transfer": transfer_id, "anchor": anchor.id},
        deps=sorted([transfer_id, anchor.id]))
    assert written.applied, written.reason
    assert Transfer.objects.get(id=transfer_id).status == "released"
    # The payee can no longer accept: an accept now is dated after the deadline.
    late = HostileNode.of(bob).write("credit.accept", {"transfer": transfer_id},
                                     deps=[transfer_id])
    assert late.status == "rejected"


def test_an_expiry_after_the_payee_accepted_is_rejected(net, alice, bob, carol, monkeypatch):
    currency_id = make_currency(net, alice)
    transfer_id = do_transfer(alice, currency_id, member_id(bob), 500)
    do_accept(bob, transfer_id)
    _later(monkeypatch, EXPIRY_DAYS + 1)
    anchor = HostileNode.of(bob).write("commons.create", {"name": "Mill", "licence": "MIT"})
    written = HostileNode.of(carol).write(
        "credit.expire", {"transfer": transfer_id, "anchor": anchor.id},
        deps=sorted([transfer_id, anchor.id]))
    assert written.status == "rejected"
    assert Transfer.objects.get(id=transfer_id).status == "accepted"


def test_an_anchor_from_someone_other_than_the_payee_is_rejected(net, alice, bob, carol,
                                                                monkeypatch):
    currency_id = make_currency(net, alice)
    transfer_id = do_transfer(alice, currency_id, member_id(bob), 500)
    _later(monkeypatch, EXPIRY_DAYS + 1)
    anchor = HostileNode.of(carol).write("commons.create", {"name": "Mill", "licence": "MIT"})
    written = HostileNode.of(carol).write(
        "credit.expire", {"transfer": transfer_id, "anchor": anchor.id},
        deps=sorted([transfer_id, anchor.id]))
    assert written.status == "rejected"
    assert "payee" in written.reason
