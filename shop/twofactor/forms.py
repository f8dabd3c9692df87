from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The second step: the app's 6-digit code, or a recovery code."""

    code = forms.CharField(
        label=_("6-digit code or recovery code"), max_length=32, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True,
                                      "autocapitalize": "none", "spellcheck": "false"}),
    )


class SetupForm(forms.Form):
    """Setting up: the code the app shows once the key is in it."""

    code = forms.CharField(
        label=_("6-digit code"), max_length=12, strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
