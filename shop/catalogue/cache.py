"""Cached parts of the public catalogue pages, and when they go stale.

The menu of categories, the product cards of a browse page and the main part
of a product page are kept in the shared cache under the catalogue's version.
Any change to what they show (a product, its price or stock, its pictures or
categories, a tool's bookings or units) moves the version on, so the next
request renders them anew; see shop.catalogue.receivers. Each part also
expires after CATALOGUE_CACHE_SECONDS, for changes made behind the ORM's back
(a bulk update, a manual SQL fix); 0 turns the page cache off.

Whole pages for first-time visitors are kept and served earlier, before the
sessions and the basket, by shop.catalogue.page_cache under the same version.

With no cache at all (Redis down) every page is rendered live, as before.
"""

import hashlib
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.utils import translation

VERSION_KEY = "catalogue:version"
# Rendered in place of the CSRF token in a cached page or part; each request's
# own token replaces it when the page is served.
CSRF_STAND_IN = "catalogueCacheCsrfStandIn"


def catalogue_version() -> str:
    """The current version of the catalogue's cached parts."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    return version


def _bump() -> None:
    cache.set(VERSION_KEY, uuid4().hex, timeout=None)


def bump_catalogue_version() -> None:
    """Make every cached catalogue part stale.

    Bumped at once (so the change shows immediately in this process) and again
    after the transaction commits: a page rendered in between from the old
    rows must not stay cached under the new version.
    """
    _bump()
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(func is _bump for _, func, _ in connection.run_on_commit):
        return  # once per transaction is enough
    transaction.on_commit(_bump)


def fragment_key(name: str, vary_on) -> str:
    """The cache key of one rendered part, for the current language."""
    raw = repr((catalogue_version(), translation.get_language(), list(vary_on)))
    return f"catalogue:fragment:{name}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def fragment_timeout() -> int:
    return settings.CATALOGUE_CACHE_SECONDS


def whole_page_cacheable(request) -> bool:
    """Whether ``request`` may get a whole page from the cache.

    Only a first-time visitor's page is the same for everyone: not signed in,
    no basket, no session and no messages waiting for them.
    """
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and fragment_timeout() > 0
        and not request.user.is_authenticated
        and settings.OSCAR_BASKET_COOKIE_OPEN not in cookies
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def cached_page(request, name: str, vary_on, render) -> str:
    """The HTML of a whole page from the cache, rendered by ``render()`` when missing.

    ``render`` returns the page's HTML rendered for ``request`` with the CSRF
    stand-in (see ``csrf_stand_in``); the visitor's own token goes in on the way out.
    """
    key = fragment_key(name, vary_on)
    html = cache.get(key)
    kept = getattr(request, "csrf_stand_in", False)
    if html is None:
        request.csrf_stand_in = True
        try:
            html = render()
        finally:
            request.csrf_stand_in = kept
        cache.set(key, html, fragment_timeout())
    if kept:  # rendered for the whole-page cache, which puts the token in on the way out
        return html
    return with_csrf_token(html, lambda: get_token(request))


def with_csrf_token(html: str, token) -> str:
    """``html`` with the visitor's CSRF token (``token()``) in place of the stand-in."""
    return html.replace(CSRF_STAND_IN, token()) if CSRF_STAND_IN in html else html


def csrf_stand_in(request):
    """Context processor: the stand-in CSRF token while a cached page is rendered."""
    return {"csrf_token": CSRF_STAND_IN} if getattr(request, "csrf_stand_in", False) else {}
