"""In a real browser, on a phone (375 px) and a desktop (1280 px): one look that fits everyone.

The home page and a seller's page: nothing wider than the screen (no sideways
scrolling), no serious accessibility fault (axe, WCAG 2.2 AA), and the links of
the menus and every button at least 44 px high, a size a finger can hit.
"""

import pytest

from shop.partner.models import SellerKind
from tests.factories import SellerFactory, product_for
from tests.functional.a11y import audit, browser_context, needs_chromium, new_page
from tests.services.factories import SeasonFactory, program_with

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

WIDTHS = (375, 1280)
TARGETS = ".site-nav a, .account-bar a, .account-bar button, .site-footer a, main button, main .btn"
MIN_TARGET = 44


@pytest.fixture
def cooperative():
    bookshop = SellerFactory(name="Librairie Le Signet", code="le-signet",
                             kind=SellerKind.BOOKSHOP, opening_hours="Mardi : 10 h à 18 h",
                             description="<p>Des livres d'ici.</p>")
    product_for(bookshop, title="Kamouraska, un roman de la vallée du Saint-Laurent",
                class_name="Livre")
    SeasonFactory(program=program_with(slug="popote-saint-henri"))
    return bookshop


def too_small(page):
    """The targets drawn smaller than 44 px high: (text, height)."""
    return page.evaluate("""([selector, minimum]) => [...document.querySelectorAll(selector)]
        .filter((el) => el.offsetParent !== null)
        .map((el) => [el.textContent.trim().slice(0, 40), el.getBoundingClientRect().height])
        .filter(([, height]) => height < minimum - 0.5)""", [TARGETS, MIN_TARGET])


def scrolls_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/", "/vendeurs/le-signet/"])
def test_fits_the_screen_reads_well_and_is_easy_to_hit(live_server, cooperative, path, width):
    with browser_context(live_server.url) as context:
        page = new_page(context)
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + path)
        name = f"{path} at {width}px"
        assert not scrolls_sideways(page), name
        audit(page, name)
        assert too_small(page) == [], name
        assert page.locator("h1").count() == 1, name
