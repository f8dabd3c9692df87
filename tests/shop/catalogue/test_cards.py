"""Product cards of a browse page: a French placeholder picture, titles in the page's outline."""

import re

from shop.taxes import TaxClass
from tests.factories import SellerFactory, product_for


def test_a_product_without_picture_shows_the_coming_soon_placeholder_in_french(client, db):
    product_for(SellerFactory(), title="Kamouraska", tax_class=TaxClass.BOOKS)
    html = client.get("/catalogue/").content.decode()
    assert "image_not_found" not in html
    img = re.search(r'<img src="[^"]*/oscar/img/image-a-venir[^"]*\.jpg"[^>]*>', html).group(0)
    assert 'alt="Image à venir pour « Kamouraska »"' in img
    assert 'width="103"' in img and 'height="155"' in img


def test_card_titles_are_second_level_headings_under_the_catalogue_title(client, db):
    product_for(SellerFactory(), title="Kamouraska")
    html = client.get("/catalogue/").content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html.split("</main>")[0])]
    assert '<h2 class="mt-3 product-title">' in html
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False)), levels
