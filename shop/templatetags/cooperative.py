"""What every public page shows of the cooperative: its phone number, its sellers, its meals.

``{% cooperative_phone as phone %}`` gives the number people are told to call
(``settings.SHOP_PHONE_NUMBER``) written for reading and for a ``tel:`` link.
``{% site_links as links %}`` gives the public sellers and the open meal
program for the navigation and the footer, kept in the cache with the
catalogue's menus (``shop.catalogue.cache``: until a seller or the catalogue
changes, a few minutes at most) so that a page costs no query for them.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.cache import cache

from shop.catalogue.cache import fragment_key, fragment_timeout
from shop.notifications.phones import national

register = template.Library()


@dataclass(frozen=True)
class Phone:
    e164: str
    display: str


@dataclass(frozen=True)
class SiteLinks:
    sellers: tuple  # (name, code) of each public seller, by name
    meal_program_slug: str  # "" when no meal program is active
    pages: tuple  # (url, title) of the public flatpages: privacy, terms…


@register.simple_tag
def cooperative_phone() -> Phone:
    number = settings.SHOP_PHONE_NUMBER
    return Phone(e164=number, display=national(number))


def _site_links() -> SiteLinks:
    from django.contrib.flatpages.models import FlatPage

    from shop.home.selectors import open_meal_program, public_sellers

    program = open_meal_program()
    pages = FlatPage.objects.filter(sites=settings.SITE_ID, registration_required=False)
    return SiteLinks(
        sellers=tuple(public_sellers().prefetch_related(None).values_list("name", "code")),
        meal_program_slug=program.slug if program else "",
        pages=tuple(pages.order_by("url").values_list("url", "title")),
    )


@register.simple_tag(takes_context=True)
def site_links(context) -> SiteLinks:
    """Read once per request: the navigation and the footer both show them."""
    request = context.get("request")
    links = getattr(request, "_site_links", None)
    if links is None:
        timeout = fragment_timeout()
        links = (cache.get_or_set(fragment_key("site-links", []), _site_links, timeout)
                 if timeout > 0 else _site_links())
        if request is not None:
            request._site_links = links
    return links
