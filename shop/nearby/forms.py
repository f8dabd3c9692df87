from django import forms
from django.utils.translation import gettext_lazy as _

from services.postal import normalize_postal_code

# Longer than any way of writing a postal code ("h4c - 1s3"); longer input is not one.
LONGEST_SPELLING = 20


class PostalCodeSearchForm(forms.Form):
    postal_code = forms.CharField(
        label=_("Your postal code"),
        help_text=_("Six letters and digits, for example H4C 1S3."),
        error_messages={"required": _("Enter your postal code.")},
        widget=forms.TextInput(attrs={
            "autocomplete": "postal-code", "autocapitalize": "characters",
            "spellcheck": "false", "size": "10",
        }),
    )

    def clean_postal_code(self) -> str:
        """The postal code in its normal form ("H4C 1S3")."""
        value = self.cleaned_data["postal_code"]
        normal = normalize_postal_code(value) if len(value) <= LONGEST_SPELLING else ""
        if not normal:
            raise forms.ValidationError(
                _("This is not a postal code. Write it like H4C 1S3: letter, digit, letter, "
                  "digit, letter, digit."),
                code="invalid",
            )
        return normal
