"""Personal data out of logs and error reports: phone numbers and emails masked.

A phone number (E.164 or a North American form such as ``514-555-0142``,
``(514) 555-0142``, ``1 514 555 0142``) becomes ``[phone]``, an email
``[email]``. Addresses and health notes cannot be recognised in free text: the
code logs the id of the row that holds them instead.
"""

import re

PHONE_MASK = "[phone]"
EMAIL_MASK = "[email]"

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# Not inside a longer word or number (an order number, a hex id).
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"\+\d{8,15}"  # E.164
    r"|(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}"  # North American forms
    r")(?!\w)"
)


def mask(text: str) -> str:
    """``text`` with every email and phone number masked."""
    if not isinstance(text, str) or not text:
        return text
    return _PHONE.sub(PHONE_MASK, _EMAIL.sub(EMAIL_MASK, text))


def mask_data(value, depth: int = 0):
    """``mask`` through the strings of nested dicts, lists and tuples."""
    if isinstance(value, str):
        return mask(value)
    if depth > 30:
        return value
    if isinstance(value, dict):
        return {key: mask_data(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(mask_data(item, depth + 1) for item in value)
    return value
