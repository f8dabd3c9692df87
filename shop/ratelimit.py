"""Requests counted per key in a fixed window, in the cache every web worker shares.

``hit`` counts one request for a key (an address, a username tried) and says
how long to wait when the key is over its limit. ``rate_limited`` wraps a view:
the POSTs it receives are counted under the keys a small function names, and
one over its limit is answered 429 with Retry-After before the view runs, so
before any database work.

Limits come from ``settings.RATELIMITS`` ("hits/seconds" by scope; empty or
"0" is no limit). When the cache cannot be reached (shop/cache.py answers as an
empty cache), nobody is locked out: the request goes through and a warning is
logged.
"""

import functools
import hashlib
import logging
import time
import unicodedata
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

Keys = Callable[[object], Iterable[tuple[str, str]]]


def now() -> float:
    return time.time()


def limit_for(scope: str) -> tuple[int, int] | None:
    """``(hits, seconds)`` of ``scope`` from ``settings.RATELIMITS``; None when unlimited."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return None
    value = str(getattr(settings, "RATELIMITS", {}).get(scope) or "0")
    hits, _sep, seconds = value.partition("/")
    hits, seconds = int(hits), int(seconds or 60)
    return (hits, seconds) if hits > 0 and seconds > 0 else None


def hit(key: str, *, limit: int, window: int) -> int:
    """Count one request for ``key``; 0 when allowed, else the seconds until the window ends."""
    current = now()
    start = int(current // window) * window
    cache_key = f"ratelimit:{hashlib.sha256(key.encode()).hexdigest()[:32]}:{start}"
    count = 1 if cache.add(cache_key, 1, timeout=window + 1) else _incr(cache_key, window)
    if count is None:
        logger.warning("Rate limit not checked (cache unavailable): %s", key.split(":", 1)[0])
        return 0
    return 0 if count <= limit else max(1, int(start + window - current + 0.999))


def _incr(cache_key, window):
    try:
        return cache.incr(cache_key)
    except ValueError:  # the key expired between add and incr
        return 1 if cache.add(cache_key, 1, timeout=window + 1) else None


def client_ip(request) -> str:
    """The client's address, as the shop's own proxies saw it.

    With RATELIMIT_PROXY_COUNT proxies of ours in front (each appending the
    address it received from to X-Forwarded-For), the client is that many hops
    from the right: whatever the client itself put in the header comes before
    and is never trusted. With none, REMOTE_ADDR.
    """
    proxies = getattr(settings, "RATELIMIT_PROXY_COUNT", 0)
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def retry_after(request, keys: Keys) -> int:
    """Count ``request`` under each ``(scope, key)`` of ``keys``; the wait of the first over its limit."""
    for scope, key in keys(request):
        limit = limit_for(scope)
        if limit is None:
            continue
        wait = hit(f"{scope}:{key}", limit=limit[0], window=limit[1])
        if wait:
            logger.warning("Rate limit %s reached, %ss to wait: %s", scope, wait, request.path)
            return wait
    return 0


def rate_limited(keys: Keys, *, methods=("POST",), html=True):
    """View decorator: ``methods`` requests over a limit get 429 with Retry-After."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            wait = retry_after(request, keys) if request.method in methods else 0
            if wait:
                return too_many_requests(wait, html=html)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def too_many_requests(wait: int, *, html: bool) -> HttpResponse:
    """429 with Retry-After and the French (or English) message: a small page, or plain text."""
    minutes = max(1, (wait + 59) // 60)
    message = ngettext(
        "Too many attempts. Please wait %(minutes)d minute and try again.",
        "Too many attempts. Please wait %(minutes)d minutes and try again.", minutes,
    ) % {"minutes": minutes}
    if html:
        content = render_to_string("ratelimit/too_many_requests.html",
                                   {"message": message, "title": _("Too many attempts")})
        response = HttpResponse(content, status=429)
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(wait)
    return response


# --- What is counted ------------------------------------------------------------
#
# Every form that checks a password (or a second-step code) counts under the one
# key below: the client's address, and the username as the login forms compare
# it. Django's forms normalise the username (NFKC) and Oscar's email backend
# matches it without case, so "ＬＥＡ@example.org" and "lea@example.org" are the
# same account and must be the same count.


def normalised_username(value: str) -> str:
    """``value`` as one account: NFKC, case-folded (NFKC again after folding), stripped."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    return unicodedata.normalize("NFKC", folded).strip()


def credential_keys(request, username: str, *, scope: str = "login"):
    """The keys of one password or code check: ``<scope>-ip`` and ``<scope>-username``."""
    yield f"{scope}-ip", client_ip(request)
    name = normalised_username(username or "")
    if name:
        yield f"{scope}-username", name


def _posted(request, *fields) -> str:
    return next((request.POST[f] for f in fields if request.POST.get(f)), "")


def _signed_in_username(request) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    return user.get_username() or ""


def login_keys(request):
    """A login: Oscar's customer and dashboard forms, the admin's."""
    return credential_keys(request, _posted(request, "login-username", "username"))


def account_keys(request):
    """Oscar's login page, which also takes registrations (its ``registration_submit`` button)."""
    if "registration_submit" in request.POST:
        yield from registration_keys(request)
    else:
        yield from login_keys(request)


def checkout_keys(request):
    """The checkout's first page: a returning customer signs in there with a password.

    A guest or a new customer gives an email only and is not counted; any other
    choice (the returning customer's, or none) may check a password and is.
    """
    if request.POST.get("options") in ("anonymous", "new"):
        return ()
    return credential_keys(request, _posted(request, "username"))


def password_check_keys(request):
    """A signed-in user's own password typed again (changing it, deleting the account)."""
    return credential_keys(request, _signed_in_username(request))


def second_factor_keys(request):
    """The second step's codes, counted under the user signed in with their password."""
    return credential_keys(request, _signed_in_username(request), scope="otp")


def registration_keys(request):
    yield "register-ip", client_ip(request)


def password_reset_keys(request):
    """A password reset request: by address and by the email it would go to."""
    yield "reset-ip", client_ip(request)
    email = normalised_username(_posted(request, "email"))
    if email:
        yield "reset-email", email


def webhook_keys(request):
    yield "webhook-ip", client_ip(request)


def signed_webhook_limited(is_signed: Callable[[object], bool]):
    """View decorator of a vendor's webhook: the signature is checked first.

    A request ``is_signed`` accepts comes from the vendor (Stripe, Twilio) and
    is neither counted nor refused: Twilio does not retry a messaging webhook
    answered 429, so a burst of SMS would be lost. Only the others (unsigned,
    forged, stale) count under "webhook-ip" by address and get 429 over the
    limit; under it the view itself refuses them.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and not is_signed(request):
                wait = retry_after(request, webhook_keys)
                if wait:
                    return too_many_requests(wait, html=False)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


login_limited = rate_limited(login_keys)
account_limited = rate_limited(account_keys)
checkout_limited = rate_limited(checkout_keys)
password_check_limited = rate_limited(password_check_keys)
second_factor_limited = rate_limited(second_factor_keys)
registration_limited = rate_limited(registration_keys)
password_reset_limited = rate_limited(password_reset_keys)
