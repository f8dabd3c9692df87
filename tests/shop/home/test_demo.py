"""The demo's three sellers each have a public page worth reading, linked from the home page."""

import pytest

from shop.demo.loader import demo_load
from shop.demo.sellers import SELLERS

pytestmark = pytest.mark.django_db


def test_the_demo_home_page_leads_to_each_sellers_page_with_its_hours(client):
    demo_load()
    home = client.get("/").content.decode()
    for spec in SELLERS:
        assert f'href="/vendeurs/{spec.code}/"' in home
        page = client.get(f"/vendeurs/{spec.code}/").content.decode()
        assert spec.opening_hours.splitlines()[0] in page
        assert "<strong>" in page  # the description, formatted
