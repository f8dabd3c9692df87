"""Links of the catalogue's pages, without Django's URL resolver on each link.

A page of twenty product cards links each product's page, its add-to-basket
form and its seller, and the menus link the categories: some sixty calls to
``reverse``, each walking the URL patterns again. Here each URL name is
reversed once per language, script prefix and URL configuration with stand-in
values, and every later link puts its own values in their place. A value the
stand-in may not stand for (anything but ASCII letters, digits, "-" and "_",
or "/" where the pattern takes it; a negative or non-integer number where the
stand-in was one) goes through ``reverse`` as before, so a link is always
the one ``reverse`` gives.
"""

import re

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_WORD = re.compile(r"[A-Za-z0-9_-]+\Z")
_PATH = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\Z")
_STAND_IN = "8130297461{}"
_UNUSABLE = object()
_templates = {}


class _Template:
    """The reversed URL split around its stand-ins, and what each value may be."""

    __slots__ = ("parts", "names", "checks")

    def __init__(self, parts, names, checks):
        self.parts = parts
        self.names = names
        self.checks = checks

    def fill(self, kwargs):
        out = [self.parts[0]]
        for name, check, part in zip(self.names, self.checks, self.parts[1:], strict=True):
            value = kwargs[name]
            if not check(value):
                return None
            out.append(str(value))
            out.append(part)
        return "".join(out)


_DIGITS = re.compile(r"[0-9]+\Z")


def _is_id(value):
    return (type(value) is int and value >= 0) or (
        isinstance(value, str) and _DIGITS.match(value) is not None)


def _is_word(value):
    return _is_id(value) or (isinstance(value, str) and _WORD.match(value) is not None)


def _is_path(value):
    return _is_id(value) or (isinstance(value, str) and _PATH.match(value) is not None)


def _build(name, kwargs):
    names = sorted(kwargs)
    stand_ins = {key: _STAND_IN.format(i) for i, key in enumerate(names)}
    try:
        url = reverse(name, kwargs=stand_ins)
    except NoReverseMatch:
        return _UNUSABLE
    pieces = re.split("(" + "|".join(re.escape(s) for s in stand_ins.values()) + ")", url)
    found = pieces[1::2]
    if sorted(found) != sorted(stand_ins.values()):
        return _UNUSABLE
    order = {stand_in: key for key, stand_in in stand_ins.items()}
    ordered = [order[stand_in] for stand_in in found]
    return _Template(pieces[0::2], ordered, [_check(name, stand_ins, key) for key in ordered])


def _check(name, stand_ins, key):
    """What values of ``key`` the pattern takes: numbers, words, or paths of words."""
    def takes(value):
        try:
            reverse(name, kwargs={**stand_ins, key: value})
        except NoReverseMatch:
            return False
        return True

    if not takes("a-b_c"):
        return _is_id
    return _is_path if takes("a/b") else _is_word


def link(name, **kwargs):
    """``reverse(name, kwargs=kwargs)``, the same string, faster."""
    key = (name, tuple(sorted(kwargs)), get_language(), get_script_prefix(),
           get_urlconf() or settings.ROOT_URLCONF)
    template = _templates.get(key)
    if template is None:
        template = _templates[key] = _build(name, kwargs)
    if template is not _UNUSABLE:
        url = template.fill(kwargs)
        if url is not None:
            return url
    return reverse(name, kwargs=kwargs)


def product_url(product):
    """The product's page (Oscar's ``Product.get_absolute_url``)."""
    return link("catalogue:detail", product_slug=product.slug, pk=product.id)


@receiver(setting_changed)
def _forget(**kwargs):
    _templates.clear()
