"""The Content-Security-Policy of every response (django-csp), and the staff pages' own.

Every page gets ``settings.CONTENT_SECURITY_POLICY``: scripts only from the
shop's own files, no inline script at all (no nonce either: first-time
visitors get whole pages from the cache, shop.catalogue.cache, and a nonce
kept in a cached page would be refused by the next visitor's header), no
plugins, no framing, forms posted only to the shop (and to Stripe Checkout, where
some forms of the shop redirect).

The card payment page adds Stripe.js's sources (``STRIPE_JS``, with
``csp_update``). Staff pages built on Oscar's dashboard layout
(``settings.CONTENT_SECURITY_POLICY_STAFF_PATHS``) get
``settings.CONTENT_SECURITY_POLICY_STAFF`` instead: Oscar's dashboard runs
inline scripts and inline event handlers, so scripts there may be inline
(README, "Content-Security-Policy").
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.utils import translation

# What Stripe.js and its Payment Element load, as Stripe documents it:
# https://docs.stripe.com/security/guide#content-security-policy
STRIPE_JS = {
    "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
    "img-src": ["https://*.stripe.com"],
}


def without_language_prefix(path: str) -> str:
    """``path`` without the language prefix of i18n_patterns: /en/dashboard/ -> /dashboard/."""
    language = translation.get_language_from_path(path)
    prefix = f"/{language}/" if language else None
    return path[len(prefix) - 1:] if prefix and path.startswith(prefix) else path


def is_staff_page(path: str) -> bool:
    """Whether ``path`` is a staff page served with the staff policy."""
    prefixes = tuple(settings.CONTENT_SECURITY_POLICY_STAFF_PATHS)
    return without_language_prefix(path).startswith(prefixes)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the staff policy on staff pages."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_staff_page(request.path_info):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_STAFF["DIRECTIVES"])
        return parts
