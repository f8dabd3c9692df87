"""Rich text saved from the dashboard is stored cleaned (shop.richtext): product
descriptions and rich text attributes, category descriptions, pages, ranges and offers."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from tests.factories import StaffFactory
from tests.shop.dashboard.test_catalogue import form_data, product_url

Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
Category = get_model("catalogue", "Category")
FlatPage = get_model("flatpages", "FlatPage")
Range = get_model("offer", "Range")

pytestmark = pytest.mark.django_db

ATTACK = ('<p>Un <strong>roman</strong>.</p><img src=x onerror="window.__xss=1">'
          "<script>window.__xss=2</script>")
CLEANED = "<p>Un <strong>roman</strong>.</p>"


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffFactory(is_superuser=True))
    return client


class TestTheProductForm:
    def test_a_seller_saving_a_description_with_a_script_stores_it_cleaned(self, client_a, book):
        data = form_data(client_a.get(product_url("catalogue-product", book)))
        data["description"] = ATTACK

        response = client_a.post(product_url("catalogue-product", book), data)

        assert response.status_code == 302
        assert Product.objects.get(pk=book.pk).description == CLEANED

    def test_a_rich_text_attribute_is_stored_cleaned(self, client_a, book):
        ProductAttribute.objects.create(product_class=book.product_class, name="Extrait",
                                        code="extrait", type=ProductAttribute.RICHTEXT)
        data = form_data(client_a.get(product_url("catalogue-product", book)))
        data["attr_extrait"] = ATTACK

        response = client_a.post(product_url("catalogue-product", book), data)

        assert response.status_code == 302
        assert Product.objects.get(pk=book.pk).attribute_values.get().value == CLEANED

    def test_the_description_says_what_formatting_is_kept(self, client_a, book):
        form = client_a.get(product_url("catalogue-product", book)).context["form"]
        assert "scripts" in str(form.fields["description"].help_text)


class TestTheCoordinatorsForms:
    def test_a_category_description_is_stored_cleaned(self, admin_client):
        response = admin_client.post(reverse("dashboard:catalogue-category-create"), {
            "name": "Romans", "description": ATTACK, "is_public": "on",
            "treebeard_position": "first-child", "treebeard_ref_node": "",
        })

        assert response.status_code == 302, response.context["form"].errors
        assert Category.objects.get(name="Romans").description == CLEANED

    def test_a_page_is_stored_cleaned(self, admin_client):
        response = admin_client.post(reverse("dashboard:page-create"), {
            "title": "À propos", "url": "/a-propos/", "content": ATTACK,
        })

        assert response.status_code == 302
        assert FlatPage.objects.get(url="/a-propos/").content == CLEANED

    def test_a_range_description_is_stored_cleaned(self, admin_client):
        response = admin_client.post(reverse("dashboard:range-create"), {
            "name": "Rentrée", "description": ATTACK, "is_public": "on",
        })

        assert response.status_code == 302
        assert Range.objects.get(name="Rentrée").description == CLEANED

    def test_an_offer_description_is_cleaned_by_the_offer_wizards_first_step(self):
        form = get_class("dashboard.offers.forms", "MetaDataForm")(
            data={"name": "Rentrée", "description": ATTACK, "offer_type": "Site"})

        assert form.is_valid(), form.errors
        assert form.cleaned_data["description"] == CLEANED
