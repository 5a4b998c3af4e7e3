"""Fork proofs sent by peers: two valid entries by one key at one (net, seq). Recorded only for
keys whose feed the log holds, and re-projected only when the cut changes a stored status."""

from django.db import transaction

from commoning.core.entry import EntryError
from commoning.log.models import Entry as EntryRow
from commoning.log.models import EntryStatus, ForkProof
from commoning.log.writer import Outcome, lock_log


def ingest_fork_proof(first_envelope, second_envelope, *, reproject: bool = True) -> Outcome:
    """Record a fork proof sent by a peer: two valid entries by one key at one (net, seq).

    Only a key whose feed the log holds (an admitted member, or the founder) can fork in a way
    that matters; a proof for any other key is refused and touches nothing. A recorded proof
    re-projects only if the cut changes a stored entry's status, and with `reproject=False` it
    only marks the re-projection due, so a caller taking many proofs runs it once at the end
    (`projection.reproject_if_due`). The mark is committed with the proof, so a crash before
    the re-projection leaves it due rather than forgotten.
    """
    from commoning.core.entry import parse_envelope

    first, second = parse_envelope(first_envelope), parse_envelope(second_envelope)
    where = (first.network_id, first.author, first.seq)
    if where != (second.network_id, second.author, second.seq):
        raise EntryError("a fork proof needs two entries by one key at one seq")
    if first.id == second.id:
        raise EntryError("a fork proof needs two different entries")
    first, second = sorted([first, second], key=lambda entry: entry.id)
    net, author, seq = where
    with transaction.atomic():
        lock_log()
        if not EntryRow.objects.filter(net=net, author=author, seq=1).exists():
            return Outcome("unadmitted", second.id,
                           "a fork proof for a key that is not an admitted member")
        _, created = ForkProof.objects.get_or_create(
            first_id=first.id,
            second_id=second.id,
            defaults={
                "net": net,
                "author": author,
                "seq": seq,
                "first_envelope": first.envelope_bytes(),
                "second_envelope": second.envelope_bytes(),
            },
        )
        touched = (
            EntryRow.objects.filter(net=net, author=author, seq__gte=seq)
            .exclude(status=EntryStatus.CUT).exists()
        )
        if created and touched:
            from commoning.log.projection import mark_reprojection_due, reproject_if_due

            mark_reprojection_due()
            if reproject:
                reproject_if_due()
    return Outcome("fork" if created else "duplicate", second.id, "fork proof recorded")
