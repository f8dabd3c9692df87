"""The demo data: three believable sellers, their people, and a load that is safe to repeat."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.db import transaction
from oscar.core.loading import get_model

from shop.demo import people
from shop.demo.loader import demo_load
from shop.taxes import TaxClass

Category = get_model("catalogue", "Category")
Country = get_model("address", "Country")
Partner = get_model("partner", "Partner")
PartnerAddress = get_model("partner", "PartnerAddress")
Product = get_model("catalogue", "Product")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
User = get_model("accounts", "User")

pytestmark = pytest.mark.django_db


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back at its end.

    Each test still runs in its own savepoint, so what a test changes is undone.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


def seller(kind):
    return Partner._default_manager.get(kind=kind)


def products_of(kind):
    return Product._default_manager.filter(stockrecords__partner__kind=kind)


def row_counts():
    """How many rows of everything the demo touches, including the link tables."""
    models = [
        Category,
        Country,
        Partner,
        PartnerAddress,
        Product,
        ProductAttribute,
        ProductAttributeValue,
        ProductCategory,
        ProductClass,
        StockRecord,
        User,
        Site,
        Partner.users.through,
        User.user_permissions.through,
        User.groups.through,
    ]
    return {model._meta.label: model._default_manager.count() for model in models}


class TestTheSellers:
    def test_are_a_bookshop_a_tool_library_and_a_meal_service(self, demo):
        assert sorted(Partner._default_manager.values_list("name", "kind")) == [
            ("Librairie Le Signet", "bookshop"),
            ("Outilthèque Hochelaga", "tool_library"),
            ("Popote roulante Saint-Henri", "meal_service"),
        ]

    def test_have_what_a_receipt_needs(self, demo):
        for partner in Partner._default_manager.all():
            assert re.fullmatch(r"\+1514555\d{4}", str(partner.contact_phone))
            assert partner.contact_email.endswith("example.org")
            assert re.fullmatch(r"\d{9}RT0001", partner.gst_number)
            assert re.fullmatch(r"\d{10}TQ0001", partner.qst_number)
            address = partner.primary_address
            assert address.line4 == "Montréal"
            assert address.country_id == "CA"

    def test_only_the_meal_service_is_tax_exempt(self, demo):
        exempt = Partner._default_manager.filter(tax_exempt=True)
        assert list(exempt.values_list("kind", flat=True)) == ["meal_service"]

    def test_canada_is_a_shipping_country(self, demo):
        canada = Country._default_manager.get(iso_3166_1_a2="CA")
        assert canada.is_shipping_country
        assert canada.name == "Canada"


class TestTheBookshop:
    def test_sells_about_fifty_printed_books_taxed_as_books(self, demo):
        books = products_of("bookshop")
        assert 45 <= books.count() <= 55
        product_class = ProductClass._default_manager.get(name="Livre imprimé")
        assert product_class.tax_class == TaxClass.BOOKS
        assert set(books.values_list("product_class", flat=True)) == {product_class.pk}

    def test_books_have_an_isbn_an_author_and_a_publisher(self, demo):
        for book in products_of("bookshop"):
            assert re.fullmatch(r"97[89]\d{10}", book.attr.isbn)
            assert book.upc == book.attr.isbn
            assert book.attr.author
            assert book.attr.publisher

    def test_books_cost_between_12_and_40_dollars_and_are_in_stock(self, demo):
        records = StockRecord._default_manager.filter(partner=seller("bookshop"))
        assert all(Decimal("12") <= record.price <= Decimal("40") for record in records)
        assert all(record.price_currency == "CAD" for record in records)
        assert sum(record.num_in_stock for record in records) > 0

    def test_books_are_shelved_under_livres(self, demo):
        shelves = Category._default_manager.filter(product__stockrecords__partner__kind="bookshop")
        assert {shelf.full_name for shelf in shelves} >= {
            "Livres > Romans",
            "Livres > Jeunesse",
            "Livres > Essais",
            "Livres > Bandes dessinées",
        }


class TestTheToolLibrary:
    def test_lends_about_thirty_tools_with_tracked_stock(self, demo):
        tools = products_of("tool_library")
        assert 25 <= tools.count() <= 35
        product_class = ProductClass._default_manager.get(name="Location d'outil")
        assert product_class.tax_class == TaxClass.STANDARD
        assert product_class.track_stock

    def test_rental_fees_are_between_5_and_25_dollars(self, demo):
        records = StockRecord._default_manager.filter(partner=seller("tool_library"))
        assert all(Decimal("5") <= record.price <= Decimal("25") for record in records)
        assert all(record.num_in_stock >= 1 for record in records)

    def test_tools_are_shelved_under_outils(self, demo):
        for tool in products_of("tool_library"):
            assert tool.categories.get().full_name.startswith("Outils > ")


class TestTheMealService:
    def test_offers_its_meal_plans_as_exempt_untracked_products(self, demo):
        product_class = ProductClass._default_manager.get(name="Repas")
        assert product_class.tax_class == TaxClass.EXEMPT
        assert not product_class.track_stock
        titles = set(products_of("meal_service").values_list("title", flat=True))
        assert {
            "Repas régulier",
            "Repas diabétique",
            "Repas à texture adaptée",
            "Repas végétarien",
        } <= titles

    def test_each_plan_has_a_cheaper_solidarity_fare(self, demo):
        prices = {
            (record.product.attr.meal_plan, record.product.attr.fare): record.price
            for record in StockRecord._default_manager.filter(partner=seller("meal_service"))
        }
        plans = {plan for plan, _ in prices}
        assert len(plans) >= 4
        for plan in plans:
            assert prices[(plan, "Tarif solidaire")] < prices[(plan, "Tarif régulier")]

    def test_meals_are_in_the_repas_category(self, demo):
        for meal in products_of("meal_service"):
            assert meal.categories.get().full_name == "Repas"


class TestThePeople:
    def test_one_client_is_known_only_by_phone_number(self, demo):
        client = User._default_manager.get(phone=people.PHONE_ONLY_CLIENT.phone)
        assert client.email is None
        assert not client.has_usable_password()
        assert not client.is_staff

    def test_each_seller_has_its_own_staff_with_partner_dashboard_access(self, demo):
        for partner in Partner._default_manager.all():
            staff = partner.users.get()
            assert not staff.is_staff
            assert staff.has_perm("partner.dashboard_access")
            assert list(staff.partners.all()) == [partner]

    def test_the_coordinator_is_staff_but_not_superuser(self, demo):
        coordinator = User._default_manager.get(email="coordination@example.org")
        assert coordinator.is_staff
        assert not coordinator.is_superuser
        assert not coordinator.partners.exists()

    def test_a_volunteer_takes_phone_orders_for_every_seller_and_nothing_else(self, demo):
        from shop import access

        volunteer = User._default_manager.get(email="benevole@example.org")
        assert access.takes_orders_for_all_sellers(volunteer)
        assert not access.is_staff_member(volunteer) and not volunteer.is_staff
        assert access.desk_sellers(volunteer).count() == Partner._default_manager.count()

    def test_clients_have_no_dashboard_access(self, demo):
        for email in ("lea.tremblay@example.org", "amina.diallo@example.org"):
            client = User._default_manager.get(email=email)
            assert not client.is_staff
            assert not client.has_perm("partner.dashboard_access")

    def test_every_printed_login_works_with_the_demo_password(self, demo, client):
        for person in people.PEOPLE:
            if person.can_log_in:
                assert client.login(username=person.email, password=people.DEMO_PASSWORD), (
                    person.email
                )
                client.logout()

    def test_the_site_is_the_local_demo_address(self, demo):
        site = Site.objects.get(pk=1)
        assert (site.domain, site.name) == ("127.0.0.1:8000", "Comptoir")


class TestLoadingAgain:
    def test_changes_no_row_count(self, demo):
        before = row_counts()
        load_demo()
        assert row_counts() == before

    def test_writes_nothing_at_all(self, demo):
        products_before = dict(Product._default_manager.values_list("upc", "date_updated"))
        summary = demo_load()
        assert not summary.changed_anything, (summary.created, summary.updated)
        assert dict(Product._default_manager.values_list("upc", "date_updated")) == (
            products_before
        )

    def test_restores_demo_content_and_passwords_but_keeps_stock_levels(self, demo):
        record = StockRecord._default_manager.filter(partner=seller("bookshop")).first()
        demo_price, demo_title = record.price, record.product.title
        StockRecord._default_manager.filter(pk=record.pk).update(price="1.00", num_in_stock=0)
        Product._default_manager.filter(pk=record.product_id).update(title="Autre titre")
        staff = User._default_manager.get(email="libraire@example.org")
        staff.set_password("autre-mot-de-passe")
        staff.save()

        summary = demo_load()

        record.refresh_from_db()
        assert (record.price, record.product.title) == (demo_price, demo_title)
        assert record.num_in_stock == 0
        staff.refresh_from_db()
        assert staff.check_password(people.DEMO_PASSWORD)
        assert summary.changed_anything


class TestDemoLogins:
    def test_prints_every_login_its_password_and_the_urls(self):
        out = StringIO()
        call_command("demo_logins", stdout=out)
        printed = out.getvalue()
        assert "http://127.0.0.1:8000/" in printed
        assert "http://127.0.0.1:8000/dashboard/" in printed
        assert people.DEMO_PASSWORD in printed
        for person in people.PEOPLE:
            assert (person.email or person.phone) in printed


def test_the_demo_coordinator_opens_every_order(demo, client):
    from oscar.core.loading import get_model

    coordinator = get_model("accounts", "User").objects.get(email="coordination@example.org")
    client.force_login(coordinator)
    assert client.get("/dashboard/orders/").status_code == 200
    assert client.get("/dashboard/catalogue/").status_code == 200


def test_the_catalogue_lists_products_of_all_three_sellers(demo, client):
    response = client.get("/catalogue/")
    shown = {
        stockrecord.partner.kind
        for result in response.context["products"]
        for stockrecord in result.object.stockrecords.all()
    }
    assert shown == {"bookshop", "tool_library", "meal_service"}
    assert 'lang="fr-ca"' in response.content.decode()
