"""Local append: an author's later entry always carries a later ts, so their later edit wins."""

import pytest

from commoning.commons.actions import update_commons
from commoning.commons.models import Commons
from commoning.log import clock
from commoning.log.append import append
from commoning.log.models import Attachment
from commoning.log.models import Entry as EntryRow
from commoning.log.registry import Rejected
from commoning.log.tests.kit import key_of


def test_two_edits_in_one_millisecond_keep_their_order(alice, seed_library, monkeypatch):
    monkeypatch.setattr(clock, "now_ms", lambda: 1_800_000_000_000)
    for name in ("First", "Second", "Third"):
        update_commons(alice, seed_library.id, name=name)
    stamps = list(
        EntryRow.objects.filter(type="commons.update").order_by("seq").values_list("ts", flat=True)
    )
    assert stamps == sorted(set(stamps)) and len(stamps) == 3
    assert Commons.objects.get(id=seed_library.id).name == "Third"


def test_an_entry_is_never_dated_before_its_prev_when_the_clock_goes_back(alice, seed_library,
                                                                         monkeypatch):
    created = EntryRow.objects.get(id=seed_library.id)
    monkeypatch.setattr(clock, "now_ms", lambda: created.ts - 60_000)
    update_commons(alice, seed_library.id, name="After")
    update = EntryRow.objects.get(type="commons.update")
    assert update.ts == created.ts + 1 and update.status == "applied"


def test_a_refused_local_append_stores_nothing(net, alice, seed_library):
    count = EntryRow.objects.count()
    with pytest.raises(Rejected, match="licence"):
        append(key_of(alice), net=net, type="commons.update",
               data={"commons": seed_library.id, "licence": "not a licence"},
               deps=[seed_library.id], attachment=b"a description")
    assert EntryRow.objects.count() == count
    assert not Attachment.objects.filter(body=b"a description").exists()
