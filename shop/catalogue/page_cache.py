"""Whole catalogue pages for first-time visitors, served before the rest of the middleware.

A visitor with no session, basket or messages cookie and no credentials sees
the same browse or product page as any other such visitor, but for the CSRF
token of its forms. ``WholePageCacheMiddleware`` sits right after the security,
CSP and NUL-byte middleware: for such a GET or HEAD it looks the page up in the
shared cache (one Redis round trip: the catalogue's version and the page
together) and, when it is there and current, answers at once with the stored
page, the visitor's own CSRF token in place of the stand-in (and its cookie,
as Django's CSRF middleware would set it), and the stored headers (language,
Vary, framing, caching) - sessions, authentication, messages and the basket
never run.

Otherwise the request goes down the usual way; a page of the views in
``CACHED_VIEWS`` is rendered with the CSRF stand-in and kept under the version
read before it was rendered (a change made meanwhile makes it stale at once),
unless the response sets any cookie but the CSRF token and Oscar's recently
viewed history (a session, a basket, messages), is not a 200, or is for a
signed-in user. The key holds the language (decided by
shop.middleware.LocaleMiddleware, from the address or the language cookie), the
path, the query string in a set order, the recently viewed history (shown on a
product page) and the day. CATALOGUE_CACHE_SECONDS=0 turns it off; with Redis
down every page is rendered as before.
"""

import hashlib
import json
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import (
    CSRF_SECRET_LENGTH,
    InvalidTokenFormat,
    _check_token_format,
    _get_new_csrf_string,
    _mask_cipher_secret,
)
from django.utils.cache import patch_vary_headers

from shop import clock
from shop.catalogue.cache import CSRF_STAND_IN, VERSION_KEY, fragment_timeout
from shop.catalogue.views_count import product_view_count
from shop.middleware import LocaleMiddleware

# The browse, category and product pages (Oscar's URL names).
CACHED_VIEWS = frozenset({"catalogue:index", "catalogue:category", "catalogue:detail"})
STAND_IN = CSRF_STAND_IN.encode()
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
# Rendered again, never stored: they are the visitor's own.
NOT_STORED_HEADERS = frozenset({"content-length", "set-cookie", "date"})


def _language(request) -> str:
    """The page's language, as shop.middleware.LocaleMiddleware decides it."""
    LocaleMiddleware(lambda request: None).process_request(request)
    return request.LANGUAGE_CODE


def _normalised_query(query_string: str) -> str:
    return urlencode(sorted(parse_qsl(query_string, keep_blank_values=True)))


def cacheable_request(request) -> bool:
    """Whether ``request`` is a first-time visitor's GET or HEAD the cache may answer."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and fragment_timeout() > 0
        and not settings.CSRF_USE_SESSIONS
        and "HTTP_AUTHORIZATION" not in request.META
        and settings.SESSION_COOKIE_NAME not in cookies
        and MESSAGES_COOKIE not in cookies
        and not any(name.startswith(settings.OSCAR_BASKET_COOKIE_OPEN) for name in cookies)
    )


def page_key(request) -> str:
    """The cache key of the page ``request`` asks for."""
    raw = repr((
        _language(request),
        request.path,
        _normalised_query(request.META.get("QUERY_STRING", "")),
        request.COOKIES.get(settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME),
        clock.today().isoformat(),
    ))
    return f"catalogue:page:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


def storable(request, response) -> bool:
    """Whether ``response`` is the same for every first-time visitor."""
    if response.status_code != 200 or response.streaming:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    shared = {settings.CSRF_COOKIE_NAME, settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME}
    return all(name in shared for name in response.cookies)


def _viewed_product(response):
    """The product a product page was about: the last one of its history cookie."""
    morsel = response.cookies.get(settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME)
    try:
        ids = json.loads(morsel.value) if morsel else []
    except ValueError:
        return None
    return ids[-1] if isinstance(ids, list) and ids else None


def _csrf_secret(request) -> str:
    """The visitor's CSRF secret: the one of their cookie if sound, else a new one."""
    secret = request.META.get("CSRF_COOKIE") or request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    try:
        _check_token_format(secret or "")
    except InvalidTokenFormat:
        secret = None
    if not secret or len(secret) != CSRF_SECRET_LENGTH:
        secret = _get_new_csrf_string()
    request.META["CSRF_COOKIE"] = secret
    return secret


def with_visitor_token(request, response, body: bytes) -> None:
    """Put ``body`` in ``response`` with the visitor's CSRF token and cookie.

    The cookie is set as django.middleware.csrf.CsrfViewMiddleware sets it.
    """
    if STAND_IN in body:
        secret = _csrf_secret(request)
        body = body.replace(STAND_IN, _mask_cipher_secret(secret).encode())
        response.set_cookie(
            settings.CSRF_COOKIE_NAME, secret,
            max_age=settings.CSRF_COOKIE_AGE, domain=settings.CSRF_COOKIE_DOMAIN,
            path=settings.CSRF_COOKIE_PATH, secure=settings.CSRF_COOKIE_SECURE,
            httponly=settings.CSRF_COOKIE_HTTPONLY, samesite=settings.CSRF_COOKIE_SAMESITE,
        )
        patch_vary_headers(response, ("Cookie",))
    response.content = b"" if request.method == "HEAD" else body
    response["Content-Length"] = str(len(body))


@lru_cache(maxsize=1)
def _history():
    from oscar.core.loading import get_class

    return get_class("customer.history", "CustomerHistoryManager")


def _remember_viewed(request, response, product_id) -> None:
    """Oscar's recently viewed history, updated as the product page's signal does."""
    history = _history()
    ids = history.add(history.extract(request), product_id)
    response.set_cookie(history.cookie_name, json.dumps(ids), **history.cookie_kwargs)


def served(request, entry) -> HttpResponse:
    """The stored page ``entry`` as a response for ``request``."""
    _version, status, headers, body, product_id = entry
    response = HttpResponse(status=status)
    for name, value in headers:
        response[name] = value
    if product_id is not None:
        _remember_viewed(request, response, product_id)
        product_view_count(product_id=product_id)
    with_visitor_token(request, response, body)
    return response


class WholePageCacheMiddleware:
    """Serve a first-time visitor's catalogue page from the cache, and keep it there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version, entry = found.get(VERSION_KEY), found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            return served(request, entry)
        request.whole_page_cache = True
        response = self.get_response(request)
        if not getattr(request, "csrf_stand_in", False):
            return response
        request.csrf_stand_in = False
        if version is not None and request.method == "GET" and storable(request, response):
            stored = [(name, value) for name, value in response.items()
                      if name.lower() not in NOT_STORED_HEADERS]
            entry = (version, response.status_code, stored, response.content,
                     _viewed_product(response))
            cache.set(key, entry, fragment_timeout())
        if not response.streaming:
            with_visitor_token(request, response, response.content)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Render the pages the cache keeps with the CSRF stand-in."""
        if getattr(request, "whole_page_cache", False) and (
            request.resolver_match.view_name in CACHED_VIEWS
        ):
            request.csrf_stand_in = True
