"""Notifications of obligations: a debt to confirm, a clearing run waiting for your answer."""

from django.urls import reverse
from django.utils.translation import gettext as _

from commoning.notify import sources
from commoning.obligations.models import ClearingRun, Obligation, RunParticipant


def obligations_to_confirm(net, member_id, before, limit):
    queryset = Obligation.objects.filter(
        net=net, debtor_id=member_id, confirmed=False, disputed=False, withdrawn=False
    ).filter(sources.before_q(before, prefix="obligation:", ts_field="recorded_ts"))
    return [
        sources.Notice(key=f"obligation:{o.id}", ts=o.recorded_ts,
                       text=_("A debt recorded against you waits for your confirmation."),
                       link=reverse("obligations_home"))
        for o in queryset.order_by("-recorded_ts", "-id")[:limit]
    ]


def runs_waiting(net, member_id, before, limit):
    waiting = RunParticipant.objects.filter(member_id=member_id, answer="").values("run_id")
    queryset = ClearingRun.objects.filter(net=net, id__in=waiting, status=ClearingRun.OPEN)
    queryset = queryset.filter(sources.before_q(before, prefix="clearing:", ts_field="ts"))
    return [
        sources.Notice(key=f"clearing:{run.id}", ts=run.ts,
                       text=_("A clearing run waits for your consent."),
                       link=reverse("clearing_run", args=[run.id]))
        for run in queryset.order_by("-ts", "-id")[:limit]
    ]


sources.register("obligations", obligations_to_confirm)
sources.register("clearing", runs_waiting)
