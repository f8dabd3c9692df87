"""The words of each message, one template per kind and language.

Templates live in ``templates/notifications/sms/<name>.<fr|en>.txt`` (and the
phone desk's in ``templates/phone_orders/sms/``), written directly in each
language so an SMS reads naturally; whitespace is collapsed to one line.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.template import Context
from django.template.loader import get_template

from .phones import national

LANGUAGES = ("fr", "en")


def short_language(code) -> str:
    """``fr`` or ``en`` for any language code; the shop's default otherwise."""
    code = (code or settings.LANGUAGE_CODE or "fr").lower()[:2]
    return code if code in LANGUAGES else "fr"


def render_sms(template: str, language: str, context=None) -> str:
    """Render ``<template>.<fr|en>.txt`` as one line of text."""
    language = short_language(language)
    context = {"shop_phone": national(settings.SHOP_PHONE_NUMBER), "lang": language, **(context or {})}
    compiled = get_template(f"{template}.{language}.txt").template
    text = compiled.render(Context(context, autoescape=False))  # plain text, never HTML
    return re.sub(r"\s+", " ", text).strip()


def money(amount, language) -> str:
    """``37,70 $`` in French, ``$37.70`` in English."""
    amount = Decimal(amount or 0).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if short_language(language) == "fr":
        digits = format(amount, ",.2f").replace(",", " ").replace(".", ",")
        return digits + " $"
    return "$" + format(amount, ",.2f")
