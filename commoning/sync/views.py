"""The peers page: peers with their last sync, an add-peer form, sync now, and bundles to
download and upload. Every form works without JavaScript."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from commoning.accounts.access import NotAMember, account_for
from commoning.accounts.models import SecurityEvent
from commoning.core.bundle_format import BundleError
from commoning.log.registry import Rejected
from commoning.sync import access, actions
from commoning.sync.forms import BundleUploadForm, PeerForm


def _account(request):
    try:
        return account_for(request.user)
    except NotAMember as error:
        raise Http404(str(error)) from error


@login_required
def peers(request):
    account = _account(request)
    form = PeerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_peer(account.net, form.cleaned_data["url"], request=request)
        except Rejected as error:
            form.add_error("url", error.reason)
        else:
            messages.success(request, _("Peer added. Sync with it to exchange entries."))
            return redirect("peers")
    return render(
        request,
        "sync/peers.html",
        {
            "form": form,
            "upload_form": BundleUploadForm(),
            "peers": access.peers_for(request.user),
            "warnings": SecurityEvent.objects.filter(kind__startswith="sync:peer:invalid")
            .order_by("-id")[:10],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def sync_now(request, peer_id: int):
    peer = access.get_peer(request.user, peer_id)
    if peer is None or not peer.url:
        raise Http404("no such peer")
    result = actions.sync_with_peer(peer)
    if result.error:
        messages.error(request, _("Sync failed: %(error)s") % {"error": result.error})
    elif result.received.invalid:
        count = result.received.invalid_count
        messages.error(request, ngettext("The peer sent %(count)d invalid entry; it was refused.",
                                         "The peer sent %(count)d invalid entries; they were "
                                         "refused.", count) % {"count": count})
    else:
        messages.success(request, _("Synced: %(received)d received, %(sent)d sent.")
                         % {"received": result.received.new_entries,
                            "sent": result.sent_entries})
    return redirect("peers")


@login_required
@require_POST
def remove(request, peer_id: int):
    account = _account(request)
    try:
        actions.remove_peer(account.net, peer_id, request=request)
    except Rejected as error:
        raise Http404(error.reason) from error
    messages.success(request, _("Peer removed."))
    return redirect("peers")


@login_required
def bundle_download(request):
    account = _account(request)
    peer = None
    if request.GET.get("peer"):
        try:
            peer = access.get_peer(request.user, int(request.GET["peer"]))
        except ValueError:
            peer = None
        if peer is None:
            raise Http404("no such peer")
    # FileResponse closes the file when the download ends; a with-block would close it first.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    actions.export_bundle(account.net, handle, for_peer=peer)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename="commoning.bundle",
                        content_type="application/gzip")


@login_required
@require_POST
def bundle_upload(request):
    _account(request)
    form = BundleUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a bundle file to import."))
        return redirect("peers")
    try:
        result = actions.import_bundle(form.cleaned_data["bundle"], request=request)
    except BundleError as error:
        messages.error(request, _("The bundle was refused, nothing was imported: %(reason)s")
                       % {"reason": str(error)})
        return redirect("peers")
    counts = result.received.report.counts
    messages.success(
        request,
        _("Bundle imported: %(new)d new entries, %(dup)d already here.")
        % {"new": result.received.new_entries, "dup": counts.get("duplicate", 0)},
    )
    return redirect("peers")
