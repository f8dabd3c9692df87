"""Form fields shared by the dashboard's search forms."""

import phonenumbers
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def phone_to_e164(value: str) -> str | None:
    """``value`` typed in any usual form as E.164, or None if it is no number.

    Numbers without a country code are read in the shop's region (CA), so
    "514 555-0123", "(514) 555-0123" and "+1 514 555 0123" all give
    "+15145550123".
    """
    region = getattr(settings, "PHONENUMBER_DEFAULT_REGION", "CA")
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class PhoneSearchField(forms.CharField):
    """A phone number to search by, cleaned to E.164 ("" when left empty)."""

    default_error_messages = {
        "invalid_phone": _("Enter a phone number, for example 514 555-0123."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Phone number"))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        e164 = phone_to_e164(value)
        if e164 is None:
            raise forms.ValidationError(self.error_messages["invalid_phone"], code="invalid_phone")
        return e164
