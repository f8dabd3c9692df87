"""Storefront pages print staff-written rich text cleaned (shop.richtext), also
when it reached the database another way than the dashboard's forms."""

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories.offer import ConditionalOfferFactory, RangeFactory

from tests.factories import SellerFactory, UserFactory, product_for

Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
Category = get_model("catalogue", "Category")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Range = get_model("offer", "Range")

pytestmark = pytest.mark.django_db

ATTACK = ('<p>Un <strong>roman</strong>.</p><img src=x onerror="window.__xss=1">'
          "<script>window.__xss=2</script>")
CLEANED = "<p>Un <strong>roman</strong>.</p>"


def page(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def shows_it_cleaned(html):
    """The formatting is kept, the script and the event handler are gone.

    (The script's text may remain, inert, in the page's meta description:
    Oscar's strips the description's tags, keeping their text, and escapes it.)
    """
    return CLEANED in html and "<script>window" not in html and "onerror" not in html


@pytest.fixture
def book(db):
    """A book whose description was written straight into the database, script included."""
    book = product_for(SellerFactory(name="Librairie"), title="Kamouraska")
    Product.objects.filter(pk=book.pk).update(description=ATTACK)
    return Product.objects.get(pk=book.pk)


class TestTheProductPage:
    def test_prints_a_description_stored_with_a_script_cleaned(self, client, book):
        assert shows_it_cleaned(page(client, book.get_absolute_url()))

    def test_prints_it_cleaned_to_a_signed_in_client_too(self, client, book):
        """Signed-in clients get the page rendered, not the whole cached page."""
        client.force_login(UserFactory())
        assert shows_it_cleaned(page(client, book.get_absolute_url()))

    def test_prints_a_rich_text_attribute_cleaned(self, client, book):
        ProductAttribute.objects.create(product_class=book.product_class, name="Extrait",
                                        code="extrait", type=ProductAttribute.RICHTEXT)
        book.attr.extrait = "x"
        book.attr.save()
        book.attribute_values.update(value_richtext=ATTACK)

        assert shows_it_cleaned(page(client, book.get_absolute_url()))


class TestOtherPages:
    def test_a_category_page_prints_its_description_cleaned(self, client):
        category = Category.add_root(name="Romans", is_public=True)
        Category.objects.filter(pk=category.pk).update(description=ATTACK)

        assert shows_it_cleaned(page(client, category.get_absolute_url()))

    def test_a_page_prints_its_content_cleaned(self, client):
        flatpage = FlatPage.objects.create(url="/a-propos/", title="À propos", content=ATTACK)
        flatpage.sites.add(Site.objects.get_current())

        assert shows_it_cleaned(page(client, "/a-propos/"))

    def test_the_offers_page_prints_their_descriptions_cleaned(self, client):
        ConditionalOfferFactory(name="Rentrée", description=ATTACK)

        assert shows_it_cleaned(page(client, reverse("offer:list")))

    def test_an_offer_page_prints_its_description_cleaned(self, client):
        offer = ConditionalOfferFactory(name="Rentrée", description=ATTACK)

        assert shows_it_cleaned(page(client, reverse("offer:detail", kwargs={"slug": offer.slug})))

    def test_a_range_page_prints_its_description_cleaned(self, client):
        product_range = RangeFactory(name="Rentrée", description=ATTACK, is_public=True)

        assert shows_it_cleaned(page(client, reverse("catalogue:range",
                                                     kwargs={"slug": product_range.slug})))
