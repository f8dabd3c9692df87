"""The catalogue's links (shop.catalogue.links) are the URLs ``reverse`` gives,
in either language, for any value, and whatever value came first."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from shop.catalogue.links import link

CASES = [
    ("catalogue:detail", {"product_slug": "le-petit-prince", "pk": 12}),
    ("catalogue:detail", {"product_slug": "", "pk": 3}),
    ("catalogue:detail", {"product_slug": "été-à-montréal", "pk": 4}),
    ("catalogue:detail", {"product_slug": "a b?c", "pk": 5}),
    ("catalogue:category", {"category_slug": "livres/romans", "pk": 2}),
    ("catalogue:category", {"category_slug": "livres", "pk": 1}),
    ("basket:add", {"pk": 7}),
    ("seller-detail", {"code": "librairie-le-signet"}),
]


@pytest.mark.parametrize("language", ["fr-ca", "en"])
def test_each_link_is_the_url_reverse_gives(language):
    with translation.override(language):
        for name, kwargs in CASES + CASES[::-1]:
            try:
                expected = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                with pytest.raises(NoReverseMatch):
                    link(name, **kwargs)
            else:
                assert link(name, **kwargs) == expected


def test_a_value_reverse_refuses_is_refused():
    with pytest.raises(NoReverseMatch):
        link("basket:add", pk="not-a-number")
    with pytest.raises(NoReverseMatch):
        link("catalogue:detail", product_slug="livres/romans", pk=1)
