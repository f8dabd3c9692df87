"""Local delivery has an area: the postal code prefixes in ``LOCAL_DELIVERY_AREA``."""

import os

import pytest

from shop.demo.sellers import SELLERS
from shop.shipping.methods import LocalDelivery


@pytest.mark.skipif("LOCAL_DELIVERY_AREA" in os.environ, reason="the area is set by the environment")
def test_by_default_it_covers_the_demo_sellers_neighbourhoods():
    assert all(LocalDelivery.reaches(seller.address["postcode"]) for seller in SELLERS)
    assert not LocalDelivery.reaches("H9A 1A1")  # the West Island is not in the demo's area


def test_follows_the_setting_however_the_prefixes_are_written(settings):
    settings.LOCAL_DELIVERY_AREA = ["h4c", " H3J ", ""]
    assert LocalDelivery.area() == ["H4C", "H3J"]
    assert LocalDelivery.reaches(" h3j-1m5 ")
    assert not LocalDelivery.reaches("H2J 2K9")
    assert not LocalDelivery.reaches("not a postal code")
