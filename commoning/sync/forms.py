"""Forms of the peers page: they only carry input; the rules live in actions."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PeerForm(forms.Form):
    url = forms.CharField(label=_("Peer address (URL of another node)"), max_length=500,
                          widget=forms.URLInput(attrs={"placeholder": "http://192.168.1.20:8000"}))


class BundleUploadForm(forms.Form):
    bundle = forms.FileField(label=_("Bundle file (.bundle)"))
