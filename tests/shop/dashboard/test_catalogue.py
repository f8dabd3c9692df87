"""Seller staff manage their own seller's products and stock records only."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import ProductFactory, StockRecordFactory

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
StockAlert = get_model("partner", "StockAlert")

pytestmark = pytest.mark.django_db


def product_url(name, product):
    return reverse(f"dashboard:{name}", kwargs={"pk": product.pk})


def listed_products(response):
    return {row.record for row in response.context["products"].rows}


def grant(user, app_label, *codenames):
    for codename in codenames:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def form_data(response):
    """The product page's forms and formsets as they would be posted back.

    The product is put in a category, which Oscar requires of a product.
    """
    data = {"productcategory_set-0-category": Category.add_root(name="Livres").pk}
    forms = [response.context["form"]]
    for name in ("category_formset", "image_formset", "recommended_formset", "stockrecord_formset"):
        formset = response.context[name]
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value is not None and value is not False:
                data.setdefault(field.html_name, value)
                if field.field.show_hidden_initial:
                    data[field.html_initial_name] = value
    return data


@pytest.fixture
def shared_product(book, seller_b):
    """Seller A's book, which seller B stocks as well."""
    StockRecordFactory(product=book, partner=seller_b, partner_sku="B-SKU-1", price=Decimal("18"))
    return book


class TestSellerStaffInTheCatalogue:
    def test_list_only_their_own_products(self, client_a, book, drill):
        response = client_a.get(reverse("dashboard:catalogue-product-list"))

        assert listed_products(response) == {book}

    def test_search_finds_none_of_another_sellers_products(self, client_a, book, drill):
        response = client_a.get(reverse("dashboard:catalogue-product-list"), {"title": "Perceuse"})

        assert listed_products(response) == set()

    def test_can_open_their_own_product(self, client_a, book):
        assert client_a.get(product_url("catalogue-product", book)).status_code == 200

    def test_another_sellers_product_is_not_found(self, client_a, drill):
        assert client_a.get(product_url("catalogue-product", drill)).status_code == 404

    def test_cannot_update_another_sellers_product(self, client_a, drill):
        response = client_a.post(product_url("catalogue-product", drill), {"title": "Volé"})

        assert response.status_code == 404
        drill.refresh_from_db()
        assert drill.title == "Perceuse sans fil"

    def test_cannot_delete_another_sellers_product(self, client_a, drill):
        url = product_url("catalogue-product-delete", drill)

        assert client_a.get(url).status_code == 404
        assert client_a.post(url).status_code == 404
        assert Product.objects.filter(pk=drill.pk).exists()

    def test_can_delete_their_own_product(self, client_a, book):
        response = client_a.post(product_url("catalogue-product-delete", book))

        assert response.status_code == 302
        assert not Product.objects.filter(pk=book.pk).exists()

    def test_cannot_delete_a_product_another_seller_stocks_too(self, client_a, shared_product):
        assert (
            client_a.post(product_url("catalogue-product-delete", shared_product)).status_code
            == 404
        )
        assert StockRecord.objects.filter(product=shared_product).count() == 2

    def test_see_only_their_own_stock_record_of_a_shared_product(
        self, client_a, shared_product, seller_a
    ):
        response = client_a.get(product_url("catalogue-product", shared_product))

        records = [form.instance for form in response.context["stockrecord_formset"].forms]
        assert {record.partner for record in records if record.pk} == {seller_a}
        assert "B-SKU-1" not in response.content.decode()

    def test_cannot_change_another_sellers_stock_record_by_posting_its_id(
        self, client_a, shared_product, seller_b
    ):
        page = client_a.get(product_url("catalogue-product", shared_product))
        data = form_data(page)
        other = StockRecord.objects.get(partner=seller_b)
        data["stockrecords-0-id"] = other.pk
        data["stockrecords-0-price"] = "1.00"

        response = client_a.post(product_url("catalogue-product", shared_product), data)

        assert response.status_code == 200  # the form is shown again, with an error
        other.refresh_from_db()
        assert other.price == Decimal("18")

    def test_can_change_their_own_stock(self, client_a, book, seller_a):
        data = form_data(client_a.get(product_url("catalogue-product", book)))
        data["stockrecords-0-num_in_stock"] = 7

        response = client_a.post(product_url("catalogue-product", book), data)

        assert response.status_code == 302
        assert StockRecord.objects.get(product=book, partner=seller_a).num_in_stock == 7

    def test_cannot_add_a_variant_under_another_sellers_parent_product(
        self, client_a, staff_a, seller_b
    ):
        parent = ProductFactory(structure="parent", title="Scies")
        child = ProductFactory(structure="child", parent=parent, product_class=None, upc="SCIE1")
        StockRecordFactory(product=child, partner=seller_b)
        grant(staff_a, "catalogue", "view_product", "add_product")

        url = reverse("dashboard:catalogue-product-create-child", kwargs={"parent_pk": parent.pk})

        assert client_a.get(url).status_code == 404

    def test_stock_alerts_are_for_coordinators(self, client_a, book):
        assert client_a.get(reverse("dashboard:stock-alert-list")).status_code == 403

    def test_stock_alerts_if_granted_list_only_their_own(self, client_a, staff_a, book, drill):
        own = StockAlert.objects.create(stockrecord=book.stockrecords.get(), threshold=5)
        StockAlert.objects.create(stockrecord=drill.stockrecords.get(), threshold=5)
        grant(staff_a, "partner", "view_stockalert")

        response = client_a.get(reverse("dashboard:stock-alert-list"))

        assert list(response.context["alerts"]) == [own]


class TestACoordinatorInTheCatalogue:
    def test_lists_every_sellers_products(self, coordinator_client, book, drill):
        response = coordinator_client.get(reverse("dashboard:catalogue-product-list"))

        assert listed_products(response) == {book, drill}

    def test_can_open_any_product(self, coordinator_client, drill):
        assert coordinator_client.get(product_url("catalogue-product", drill)).status_code == 200

    def test_sees_every_stock_alert(self, coordinator_client, book, drill):
        StockAlert.objects.create(stockrecord=book.stockrecords.get(), threshold=5)
        StockAlert.objects.create(stockrecord=drill.stockrecords.get(), threshold=5)

        response = coordinator_client.get(reverse("dashboard:stock-alert-list"))

        assert len(response.context["alerts"]) == 2
