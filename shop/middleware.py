"""Middleware of the shop: requests holding a NUL byte refused, and the visitor's language.

``RejectNulBytesMiddleware`` answers 400 to any request whose path or query
string holds a NUL byte (``%00``), before any view: PostgreSQL refuses NUL in
a string, so such a value reaching a query was a server error (500).

The visitor's language on every page, not only on the storefront's.

The storefront's URLs are under ``i18n_patterns`` without a prefix for French
(``/catalogue/`` in French, ``/en/catalogue/`` in English), and Django then
serves every unprefixed path in French. The apps' own pages (meal-delivery
registration, rentals, the phone desk, reports) have no English address of
their own: there the visitor's choice (the language cookie set by the language
switch) decides, French otherwise, as on the storefront's unprefixed pages.
"""

from functools import lru_cache

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.template.loader import render_to_string
from django.urls import get_resolver
from django.urls.resolvers import LocalePrefixPattern, URLResolver
from django.utils import translation
from django.utils.translation import gettext as _


@lru_cache(maxsize=4)
def _own_address_prefixes(urlconf) -> tuple[str, ...]:
    """The first part of every address outside the language-prefixed storefront."""
    return tuple(
        str(pattern.pattern)
        for pattern in get_resolver(urlconf).url_patterns
        if str(pattern.pattern)
        and not (isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern))
    )


def follows_visitor_language(path: str, urlconf=None) -> bool:
    """Whether ``path`` is one of the apps' own pages (no /en/ address)."""
    return path.lstrip("/").startswith(_own_address_prefixes(urlconf or settings.ROOT_URLCONF))


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request):
        super().process_request(request)
        if not follows_visitor_language(request.path_info, getattr(request, "urlconf", None)):
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else None
        except LookupError:
            language = None
        if language and language != translation.get_language():
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()


def holds_nul_byte(request) -> bool:
    """Whether the path or the query string holds a NUL byte, raw or %-encoded."""
    query = request.META.get("QUERY_STRING", "")
    return "\x00" in request.path_info or "\x00" in query or "%00" in query


class RejectNulBytesMiddleware:
    """400 with a short page in French for a request with a NUL byte in its address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if holds_nul_byte(request):
            return bad_address_response()
        return self.get_response(request)


def bad_address_response() -> HttpResponseBadRequest:
    with translation.override(settings.LANGUAGE_CODE):
        content = render_to_string("errors/bad_address.html", {
            "title": _("Invalid address"),
            "message": _("This address holds a character that is not allowed. Check the link "
                         "or go back to the home page."),
        })
    return HttpResponseBadRequest(content)
