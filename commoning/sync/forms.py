"""Forms of the peers page: they only carry input; the rules live in actions."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PeerForm(forms.Form):
    url = forms.CharField(label=_("Peer address (URL of another node)"), max_length=500,
                          widget=forms.URLInput(attrs={"placeholder": "https://valley.example"}))


class PairForm(forms.Form):
    url = forms.CharField(label=_("Address of the other node"), max_length=500,
                          widget=forms.URLInput(attrs={"placeholder": "https://valley.example"}))
    code = forms.CharField(label=_("Pairing code its operator gave you"), max_length=64)


class BundleUploadForm(forms.Form):
    bundle = forms.FileField(label=_("Bundle file (.bundle)"))


class RemovePeerForm(forms.Form):
    """Removing a peer asks for a tick first, with or without JavaScript."""

    confirm = forms.BooleanField(label=_("Yes, remove this peer"), required=True)
