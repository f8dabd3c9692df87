"""Whole catalogue pages for first-time visitors, served before the rest of the middleware.

A visitor with no session, basket or messages cookie and no credentials sees
the same browse or product page as any other such visitor, but for the CSRF
token of its forms. ``WholePageCacheMiddleware`` comes right after the request
id and metrics (shop.observability): for such a GET or HEAD it looks the page
up in the shared cache and, when it is there and current, answers at once with
the stored page, the visitor's own CSRF token in place of the stand-in (and its
cookie, as Django's CSRF middleware would set it), and every header the rest of
the middleware gave the page when it was rendered (security headers, CSP,
language, Vary, framing) - security, CSP, sessions, authentication, messages
and the basket never run.

With Redis a hit is one round trip: a script reads the catalogue's version and
the page's, checks one against the other and, for a product page, counts the
view (shop.catalogue.views_count) in the same trip. The page itself (raw bytes,
no pickling) comes back only when the process has no copy of it under that
version: each process keeps its last ``LOCAL_PAGES`` pages.
With another cache (the demo's in-process one) the page is a pickled entry
read with the version by one ``get_many``.

Otherwise the request goes down the usual way; a page of the views in
``CACHED_VIEWS`` is rendered with the CSRF stand-in and kept under the version
read before it was rendered (a change made meanwhile makes it stale at once),
unless the response sets any cookie but the CSRF token and Oscar's recently
viewed history (a session, a basket, messages), is not a 200, or is for a
signed-in user. The key holds the scheme, the language (decided by
shop.middleware.LocaleMiddleware, from the address or the language cookie), the
path, the query string in a set order, the recently viewed history (shown on a
product page) and the day. A plain-HTTP request that SECURE_SSL_REDIRECT sends
to HTTPS, an address with a NUL byte and the static and media files are never
looked up. CATALOGUE_CACHE_SECONDS=0 turns it off; with Redis down every page is
rendered as before.
"""

import hashlib
import json
import os
import threading
import time
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    InvalidTokenFormat,
    _check_token_format,
)
from django.utils import translation
from django.utils.cache import patch_vary_headers
from redis.exceptions import NoScriptError, ResponseError

from shop import clock
from shop.catalogue.cache import CSRF_STAND_IN, VERSION_KEY, fragment_timeout
from shop.catalogue.views_count import PENDING_KEY, product_view_count
from shop.middleware import LocaleMiddleware, holds_nul_byte

# The browse, category and product pages (Oscar's URL names).
CACHED_VIEWS = frozenset({"catalogue:index", "catalogue:category", "catalogue:detail"})
STAND_IN = CSRF_STAND_IN.encode()
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage
# Rendered again, never stored: they are the visitor's own.
NOT_STORED_HEADERS = frozenset({"content-length", "set-cookie", "date", "x-request-id"})

# With Redis: the version, the page and, for a product page, its view, in one trip.
# With Redis: the version, the page and, for a product page, its view, in one trip. The
# page's bytes come only when this process has no copy of it for the current version
# (ARGV[1], the version of its copy): an empty second item says its copy is current.
LOOKUP_SCRIPT = """
local version = redis.call('GET', KEYS[1])
if not version then return false end
local page = redis.call('HMGET', KEYS[2], 'v', 'p')
if page[1] ~= version then return {version} end
if page[2] then redis.call('HINCRBY', KEYS[3], page[2], 1) end
if ARGV[1] == version then return {version, ''} end
return {version, redis.call('HGET', KEYS[2], 'e')}
"""
# This process's copies of the pages it served last: {key: (version, page)}.
LOCAL_PAGES = 256
_local: dict = {}


def _language(request) -> str:
    """The page's language, as shop.middleware.LocaleMiddleware decides it.

    It is decided by the address, the language cookie and the Accept-Language
    header alone: decided once for each of them, in a request of their own.
    """
    meta = request.META
    return _language_of(
        request.path_info, getattr(request, "urlconf", None),
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME), meta.get("HTTP_ACCEPT_LANGUAGE"),
    )


@lru_cache(maxsize=4096)
def _language_of(path_info, urlconf, cookie, accept_language) -> str:
    request = HttpRequest()
    request.path_info = request.path = path_info
    if urlconf is not None:
        request.urlconf = urlconf
    if cookie is not None:
        request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = cookie
    if accept_language is not None:
        request.META["HTTP_ACCEPT_LANGUAGE"] = accept_language
    with translation.override(None):
        LocaleMiddleware(lambda request: None).process_request(request)
    return request.LANGUAGE_CODE


def _normalised_query(query_string: str) -> str:
    return urlencode(sorted(parse_qsl(query_string, keep_blank_values=True)))


@lru_cache(maxsize=1)
def _file_prefixes() -> tuple[str, ...]:
    return tuple(url for url in (settings.STATIC_URL, settings.MEDIA_URL) if url and url != "/")


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
        and not (settings.SECURE_SSL_REDIRECT and not request.is_secure())
        and not request.path_info.startswith(_file_prefixes())
        and not holds_nul_byte(request)
    )


def page_key(request) -> str:
    """The cache key of the page ``request`` asks for."""
    raw = repr((
        request.scheme,
        _language(request),
        request.path,
        _normalised_query(request.META.get("QUERY_STRING", "")),
        request.COOKIES.get(settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME),
        clock.today().isoformat(),
    ))
    return f"catalogue:wholepage:{hashlib.sha256(raw.encode()).hexdigest()[:40]}"


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


# --- the visitor's CSRF token -------------------------------------------------------------
# As django.middleware.csrf makes them (random letters and digits, the secret masked
# with a random mask), from one read of os.urandom rather than a call a character.
_CHARS = CSRF_ALLOWED_CHARS
_INDEX = {char: index for index, char in enumerate(_CHARS)}
_KEPT = 256 - 256 % len(_CHARS)  # bytes at or above it would bias the draw: dropped
_TO_CHARS = bytes((ord(_CHARS[byte % len(_CHARS)]) if byte < _KEPT else 0) for byte in range(256))
_DROPPED = bytes(range(_KEPT, 256))


def random_csrf_string(length: int = CSRF_SECRET_LENGTH) -> str:
    """``length`` letters and digits drawn uniformly, as Django's CSRF strings."""
    drawn = b""
    while len(drawn) < length:
        drawn += os.urandom(length + 8).translate(_TO_CHARS, _DROPPED)
    return drawn[:length].decode()


def masked_token(secret: str) -> str:
    """A token for ``secret``, as django.middleware.csrf.get_token gives it."""
    mask = random_csrf_string()
    size = len(_CHARS)
    return mask + "".join(
        _CHARS[(_INDEX[x] + _INDEX[y]) % size] for x, y in zip(secret, mask, strict=True)
    )


def _csrf_secret(request) -> str:
    """The visitor's CSRF secret: the one of their cookie if sound, else a new one."""
    secret = request.META.get("CSRF_COOKIE") or request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    try:
        _check_token_format(secret or "")
    except InvalidTokenFormat:
        secret = None
    if not secret or len(secret) != CSRF_SECRET_LENGTH:
        secret = random_csrf_string()
    request.META["CSRF_COOKIE"] = secret
    return secret


def set_cookie(response, name: str, value: str, **attributes) -> None:
    """``response.set_cookie(name, value, **attributes)``, its attributes worked out once a second."""
    morsel = _cookie_template(name, tuple(sorted(attributes.items())), int(time.time())).copy()
    morsel.set(name, *response.cookies.value_encode(value))
    dict.__setitem__(response.cookies, name, morsel)


@lru_cache(maxsize=8)
def _cookie_template(name, attributes, _second):
    response = HttpResponse()
    response.set_cookie(name, "", **dict(attributes))
    return response.cookies[name]


def with_visitor_token(request, response, body: bytes) -> None:
    """Put ``body`` in ``response`` with the visitor's CSRF token and cookie.

    The cookie is set as django.middleware.csrf.CsrfViewMiddleware sets it.
    """
    if STAND_IN in body:
        secret = _csrf_secret(request)
        body = body.replace(STAND_IN, masked_token(secret).encode())
        set_cookie(
            response, settings.CSRF_COOKIE_NAME, secret,
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
    set_cookie(response, history.cookie_name, json.dumps(ids), **history.cookie_kwargs)


def served(request, page) -> HttpResponse:
    """The stored ``page`` as a response: its status, headers (as ResponseHeaders keeps
    them), view name, product (for a product page) and body."""
    status, headers, view, product_id, body = page
    response = HttpResponse(status=status)
    # Checked when the page was rendered: copied as they are.
    response.headers._store.update(headers)
    if product_id is not None:
        _remember_viewed(request, response, product_id)
    request.cached_view_name = view  # for the request metrics
    with_visitor_token(request, response, body)
    return response


# --- where pages are kept ----------------------------------------------------------------


def _redis_cache():
    """The shop's Redis cache (shop.cache.TolerantRedisCache), or None."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    return backend if hasattr(backend, "raw") else None


LOOKUP_SHA = hashlib.sha1(LOOKUP_SCRIPT.encode()).hexdigest()
_held = threading.local()


def _held_connection(client):
    """A connection of ``client``'s pool kept by this thread for the lookups.

    A hit makes one call: taking a connection from the pool and giving it back
    (with its check that nothing is left to read) would cost as much as the call.
    """
    pool = client.connection_pool
    held = getattr(_held, "connection", None)
    if held is None or held[0] is not pool or held[1] != os.getpid():
        held = _held.connection = (pool, os.getpid(), pool.make_connection())
    return held[2]


def _run_lookup(client, keys, args):
    """The lookup script's answer, on this thread's own connection."""
    connection = _held_connection(client)
    try:
        try:
            connection.send_command("EVALSHA", LOOKUP_SHA, len(keys), *keys, *args)
            return connection.read_response()
        except NoScriptError:  # Redis restarted or flushed its scripts
            connection.send_command("EVAL", LOOKUP_SCRIPT, len(keys), *keys, *args)
            return connection.read_response()
    except ResponseError:
        raise
    except BaseException:
        connection.disconnect()  # connected again on the next call
        raise


def _encode(page) -> bytes:
    status, headers, view, product_id, body = page
    headers = [(name, value) for _, (name, value) in headers.items()]
    return json.dumps([status, headers, view, product_id]).encode() + b"\n" + body


def _decode(blob: bytes):
    head, _, body = blob.partition(b"\n")
    status, headers, view, product_id = json.loads(head)
    return status, _header_store(headers), view, product_id, body


def _header_store(headers) -> dict:
    """``headers`` as django.http.ResponseHeaders keeps them."""
    return {name.lower(): (name, value) for name, value in headers}


def look_up(key: str):
    """``(version, page)`` of ``key``: page None unless stored under the current version."""
    redis_cache = _redis_cache()
    if redis_cache is not None:
        keys = [redis_cache.make_key(VERSION_KEY), redis_cache.make_key(key),
                redis_cache.make_key(PENDING_KEY)]
        copy = _local.get(key)
        args = [copy[0] if copy else b""]
        try:
            found = redis_cache.raw(lambda client: _run_lookup(client, keys, args))
        except ResponseError:  # a key of another kind under that name: rendered, not kept
            return None, None
        if not found:
            return None, None
        version = found[0]
        if len(found) == 1:
            return version, None
        if found[1] == b"":
            return version, copy[1]
        page = _decode(found[1])
        _remember_locally(key, version, page)
        return version, page
    found = cache.get_many([VERSION_KEY, key])
    version, entry = found.get(VERSION_KEY), found.get(key)
    if version is None or entry is None or entry[0] != version:
        return version, None
    page = entry[1:]
    if page[3] is not None:
        product_view_count(product_id=page[3])
    return version, page


def keep(key: str, version, page) -> None:
    """Keep ``page`` under ``key`` for the catalogue's ``version`` (as ``look_up`` read it)."""
    timeout = fragment_timeout()
    redis_cache = _redis_cache()
    if redis_cache is None:
        cache.set(key, (version, *page), timeout)
        return
    fields = {"v": version, "e": _encode(page)}
    if page[3] is not None:
        fields["p"] = str(int(page[3]))

    def store(client):
        full_key = redis_cache.make_key(key)
        pipe = client.pipeline(transaction=True)
        pipe.delete(full_key)
        pipe.hset(full_key, mapping=fields)
        pipe.expire(full_key, timeout)
        pipe.execute()

    redis_cache.raw(store)
    _remember_locally(key, version, page)


def _remember_locally(key: str, version: bytes, page) -> None:
    if key not in _local and len(_local) >= LOCAL_PAGES:
        _local.pop(next(iter(_local)), None)  # the oldest
    _local[key] = (version, page)


class WholePageCacheMiddleware:
    """Serve a first-time visitor's catalogue page from the cache, and keep it there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = page_key(request)
        version, page = look_up(key)
        if page is not None:
            return served(request, page)
        request.whole_page_cache = True
        response = self.get_response(request)
        if not getattr(request, "csrf_stand_in", False):
            return response
        request.csrf_stand_in = False
        if version is not None and request.method == "GET" and storable(request, response):
            stored = _header_store((name, value) for name, value in response.items()
                                   if name.lower() not in NOT_STORED_HEADERS)
            keep(key, version, (response.status_code, stored, request.resolver_match.view_name,
                                _viewed_product(response), response.content))
        if not response.streaming:
            with_visitor_token(request, response, response.content)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Render the pages the cache keeps with the CSRF stand-in."""
        if getattr(request, "whole_page_cache", False) and (
            request.resolver_match.view_name in CACHED_VIEWS
        ):
            request.csrf_stand_in = True
