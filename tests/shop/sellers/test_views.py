"""A seller's public page: what it does, where and when, how to reach it, its catalogue."""

import html
import re

import pytest
from django.urls import reverse

from shop.partner.models import SellerKind
from tests.factories import SellerFactory, product_for

pytestmark = pytest.mark.django_db


def text(response):
    assert response.status_code == 200
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


@pytest.fixture
def bookshop():
    seller = SellerFactory(
        name="Librairie Le Signet", code="le-signet", kind=SellerKind.BOOKSHOP,
        description='<p>Des <strong>livres</strong> québécois.</p><script>alert(1)</script>',
        opening_hours="Mardi au vendredi : 10 h à 18 h",
        contact_phone="+15145550110", contact_email="bonjour@lesignet.example.org",
        gst_number="811223344RT0001", qst_number="1221334455TQ0001",
    )
    seller.addresses.create(line1="4321, rue Saint-Denis", line4="Montréal", state="QC",
                            postcode="H2J 2K9", country_id="CA")
    return seller


@pytest.fixture(autouse=True)
def canada(db):
    from oscar.core.loading import get_model

    get_model("address", "Country")._default_manager.get_or_create(
        iso_3166_1_a2="CA", defaults={"name": "Canada", "printable_name": "Canada"})


class TestASellersPage:
    def test_is_at_its_french_address_named_seller_detail(self, bookshop):
        assert reverse("seller-detail", kwargs={"code": "le-signet"}) == "/vendeurs/le-signet/"

    def test_says_what_it_does_where_when_and_how_to_reach_it(self, client, bookshop):
        page = text(client.get("/vendeurs/le-signet/"))
        for expected in ("Librairie Le Signet", "Des livres québécois.", "4321, rue Saint-Denis",
                         "H2J 2K9", "Mardi au vendredi : 10 h à 18 h", "(514) 555-0110",
                         "bonjour@lesignet.example.org", "811223344RT0001", "1221334455TQ0001"):
            assert expected in page

    def test_prints_its_description_cleaned(self, client, bookshop):
        content = client.get("/vendeurs/le-signet/").content.decode()
        assert "<strong>livres</strong>" in content
        assert "alert(1)" not in content

    def test_lists_only_its_own_products(self, client, bookshop):
        product_for(bookshop, title="Kamouraska", class_name="Livre")
        product_for(SellerFactory(name="Outilthèque"), title="Perceuse", class_name="Outil")
        page = text(client.get("/vendeurs/le-signet/"))
        assert "Kamouraska" in page
        assert "Perceuse" not in page

    def test_pages_a_long_catalogue(self, client, bookshop):
        for number in range(14):
            product_for(bookshop, title=f"Roman {number:02d}", class_name="Livre")
        first = client.get("/vendeurs/le-signet/")
        assert len(first.context["products"]) == 12
        assert len(client.get("/vendeurs/le-signet/?page=2").context["products"]) == 2

    def test_of_a_seller_not_public_is_not_found(self, client, bookshop):
        bookshop.is_public = False
        bookshop.save()
        assert client.get("/vendeurs/le-signet/").status_code == 404

    def test_in_english(self, client, bookshop):
        assert "Opening hours" in text(client.get("/en/sellers/le-signet/"))
