"""Phone numbers typed in any usual form, turned into E.164."""

import phonenumbers
from django.conf import settings


def to_e164(raw, region=None):
    """``+15145550142`` for "514 555-0142", "(514) 555 0142", "1-514-555-0142"…; None if invalid."""
    if not raw:
        return None
    try:
        number = phonenumbers.parse(str(raw), region or settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def national(e164):
    """``514 555-0142`` for ``+15145550142`` (as people say it here)."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
