"""The peers page, for this node's operators: peers with their last sync, add, confirm, pair,
sync now and remove, and bundles to download and upload. Every form works without JavaScript;
members and visitors get 403 (commoning.sync.access)."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commoning.accounts import security
from commoning.accounts.access import NotAMember
from commoning.accounts.keystore import node_key
from commoning.accounts.models import SecurityEvent
from commoning.core.bundle_format import BundleError
from commoning.front.prg import action_of, see_other
from commoning.log.registry import Rejected
from commoning.sync import access, actions, pairing
from commoning.sync.forms import BundleUploadForm, PairForm, PeerForm, RemovePeerForm


def _net(request) -> str:
    """The network the operator manages; 403 for members and visitors (NotAnOperator)."""
    try:
        return access.operator_net(request.user)
    except access.NotAnOperator:
        security.record("node:operator:denied", request=request, detail=request.path[:200])
        raise
    except NotAMember as error:
        raise Http404(str(error)) from error


def _peers_url(*_args, **_kwargs) -> str:
    """Where every action of the peers page sends a GET (a reload of a refused form)."""
    return reverse("peers")


def _page(request, *, form=None, pair_form=None, code=None, upload_form=None, remove_form=None,
          remove_id=None):
    bound = [f for f in (form, pair_form, upload_form, remove_form) if f is not None]
    status = 400 if any(f.errors for f in bound) else 200
    return render(
        request,
        "sync/peers.html",
        {
            "form": form or PeerForm(),
            "pair_form": pair_form or PairForm(),
            "upload_form": upload_form or BundleUploadForm(),
            "remove_form": remove_form,
            "remove_id": remove_id,
            "peers": access.peers_for(request.user),
            "node_key": node_key().public_hex,
            "pairing_code": code,
            "pairing_minutes": int(pairing.CODE_LIFETIME.total_seconds() // 60),
            "warnings": SecurityEvent.objects.filter(kind__startswith="sync:peer:invalid")
            .order_by("-id")[:10],
        },
        status=status,
    )


@login_required
def peers(request):
    net = _net(request)
    form = PeerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_peer(net, form.cleaned_data["url"], request=request)
        except Rejected as error:
            form.add_error("url", error.reason)
        else:
            messages.success(request, _("Peer added. Sync with it to exchange entries."))
            return see_other("peers")
    return _page(request, form=form if request.method == "POST" else None)


@login_required
@action_of(_peers_url)
def pair(request):
    _net(request)
    pair_form = PairForm(request.POST)
    if pair_form.is_valid():
        try:
            peer = pairing.pair_with(pair_form.cleaned_data["url"], pair_form.cleaned_data["code"],
                                     request=request)
        except Rejected as error:
            pair_form.add_error("url", error.reason)
        except actions.SyncError as error:
            pair_form.add_error("code", str(error))
        else:
            messages.success(request, _("Paired with node %(node)s… Both nodes now take each "
                                        "other's entries.") % {"node": peer.node_key[:12]})
            return see_other("peers")
    return _page(request, pair_form=pair_form)


@login_required
@action_of(_peers_url)
def pairing_code(request):
    net = _net(request)
    return _page(request, code=pairing.issue_code(net, request=request))


@login_required
@action_of(_peers_url)
def confirm(request, peer_id: int):
    net = _net(request)
    try:
        actions.confirm_peer(net, peer_id, request=request)
    except Rejected as error:
        if error.status == 404:
            raise Http404(error.reason) from error
        messages.error(request, _("The peer was not confirmed: %(reason)s")
                       % {"reason": error.reason})
    else:
        messages.success(request, _("Peer confirmed. This node now syncs with it."))
    return see_other("peers")


@login_required
@action_of(_peers_url)
def sync_now(request, peer_id: int):
    _net(request)
    peer = access.get_peer(request.user, peer_id)
    if peer is None or not peer.url:
        raise Http404("no such peer")
    result = actions.sync_with_peer(peer)
    if result.error:
        # Our own short words for what happened; never what the peer sent.
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
    return see_other("peers")


@login_required
@action_of(_peers_url)
def remove(request, peer_id: int):
    net = _net(request)
    form = RemovePeerForm(request.POST)
    if not form.is_valid():
        return _page(request, remove_form=form, remove_id=peer_id)
    try:
        actions.remove_peer(net, peer_id, request=request)
    except Rejected as error:
        raise Http404(error.reason) from error
    messages.success(request, _("Peer removed."))
    return see_other("peers")


@login_required
def bundle_download(request):
    net = _net(request)
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
    actions.export_bundle(net, handle, for_peer=peer)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename="commoning.bundle",
                        content_type="application/gzip")


@login_required
@action_of(_peers_url)
def bundle_upload(request):
    _net(request)
    form = BundleUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, upload_form=form)
    try:
        result = actions.import_bundle(form.cleaned_data["bundle"], request=request)
    except BundleError as error:
        form.add_error("bundle", _("The bundle was refused, nothing was imported: %(reason)s")
                       % {"reason": str(error)})
        return _page(request, upload_form=form)
    counts = result.received.report.counts
    messages.success(
        request,
        _("Bundle imported: %(new)d new entries, %(dup)d already here.")
        % {"new": result.received.new_entries, "dup": counts.get("duplicate", 0)},
    )
    return see_other("peers")
