"""Every response carries a Content-Security-Policy (shop/csp.py): the storefront's
runs no inline script; staff pages on Oscar's dashboard layout have their own."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.csp import is_staff_page
from shop.order.models import PaymentMethod
from tests.factories import SellerFactory, StaffFactory, product_for
from tests.functional.test_card_checkout import pay_by, through_to_the_payment_step
from tests.integrations.stripe import fake as stripe_fake

Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db

stripe_on = stripe_fake.stripe_on


def policy(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy, directive by directive."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def inline_scripts(html: str) -> list[str]:
    """<script> elements that run code written in the page (not a file, not JSON data)."""
    return [tag for tag in re.findall(r"<script\b[^>]*>", html)
            if "src=" not in tag and "application/json" not in tag]


def inline_handlers(html: str) -> list[str]:
    return re.findall(r"<[a-z]+\b[^>]*\son[a-z]+\s*=[^>]*>", html)


@pytest.fixture
def shopper(client, db):
    """A visitor with a book in the basket."""
    Country.objects.get_or_create(iso_3166_1_a2="CA",
                                  defaults={"name": "Canada", "is_shipping_country": True})
    book = product_for(SellerFactory(name="Librairie"), title="Kamouraska", price="24.95")
    client.post(f"/basket/add/{book.pk}/", {"quantity": 1})
    client.book = book
    return client


@pytest.fixture
def meal_registration_url(db):
    from tests.services.factories import SeasonFactory, program_with

    program = program_with(weekdays=(0, 2, 4), products=True)
    SeasonFactory(program=program)
    return reverse("services:register", args=[program.slug])


def storefront_pages(shopper, meal_registration_url):
    return {
        "home": "/",
        "catalogue": "/catalogue/",
        "product page": shopper.book.get_absolute_url(),
        "basket": "/basket/",
        "checkout": "/checkout/",
        "meal registration": meal_registration_url,
        "near me": reverse("nearby:search"),
        "English catalogue": "/en/catalogue/",
    }


class TestTheStorefrontPolicy:
    def test_every_storefront_page_forbids_inline_script(self, shopper, meal_registration_url):
        for name, url in storefront_pages(shopper, meal_registration_url).items():
            response = shopper.get(url, follow=True)
            assert response.status_code == 200, name
            script_src = policy(response)["script-src"]
            assert script_src == ["'self'"], (name, script_src)

    def test_storefront_pages_have_no_inline_script_nor_inline_event_handler(
            self, shopper, meal_registration_url):
        for name, url in storefront_pages(shopper, meal_registration_url).items():
            html = shopper.get(url, follow=True).content.decode()
            assert inline_scripts(html) == [], name
            assert inline_handlers(html) == [], name

    def test_a_first_time_visitor_gets_the_policy_with_a_page_from_the_cache(self, shopper):
        url = shopper.book.get_absolute_url()
        for _ in range(2):  # rendered and cached, then served from the cache
            response = Client().get(url)
            assert policy(response)["script-src"] == ["'self'"]
            assert inline_scripts(response.content.decode()) == []

    def test_forbids_plugins_foreign_base_urls_and_framing(self, client):
        directives = policy(client.get("/catalogue/"))
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["connect-src"] == ["'self'"]

    def test_forms_post_to_the_shop_or_on_to_stripe_checkout(self, client):
        """Booking a tool posts to the shop, which sends the client to Stripe Checkout."""
        assert policy(client.get("/catalogue/"))["form-action"] == [
            "'self'", "https://checkout.stripe.com"]

    def test_styles_may_be_inline_but_only_the_shops_own_files(self, client):
        assert policy(client.get("/catalogue/"))["style-src"] == ["'self'", "'unsafe-inline'"]

    def test_a_page_not_found_carries_the_policy_too(self, client):
        response = client.get("/nulle-part/")
        assert response.status_code == 404
        assert policy(response)["script-src"] == ["'self'"]

    def test_stripe_is_nowhere_but_on_the_payment_page(self, client):
        assert "stripe" not in client.get("/catalogue/")["Content-Security-Policy"].replace(
            "form-action 'self' https://checkout.stripe.com", "")


class TestTheCardPaymentPage:
    def test_allows_stripe_js_its_frames_and_its_api_and_no_inline_script(self, client, stripe_on):
        Country.objects.get_or_create(iso_3166_1_a2="CA",
                                      defaults={"name": "Canada", "is_shipping_country": True})
        book = product_for(SellerFactory(name="Librairie"), title="Kamouraska", price="24.95")
        client.post(f"/basket/add/{book.pk}/", {"quantity": 1})
        through_to_the_payment_step(client)
        pay_page = pay_by(client, PaymentMethod.CARD)["Location"]

        response = client.get(pay_page)

        html = response.content.decode()
        assert "https://js.stripe.com/v3/" in html and inline_scripts(html) == []
        directives = policy(response)
        assert directives["script-src"] == ["'self'", "https://js.stripe.com",
                                            "https://*.js.stripe.com"]
        assert "https://js.stripe.com" in directives["frame-src"]
        assert "https://api.stripe.com" in directives["connect-src"]


class TestTheStaffPolicy:
    def test_the_dashboard_may_run_inline_scripts(self, client):
        client.force_login(StaffFactory(is_superuser=True))
        for url in ("/dashboard/", "/en/dashboard/", reverse("phone_orders:desk"),
                    reverse("notifications:outbox")):
            response = client.get(url)
            assert response.status_code == 200, url
            assert policy(response)["script-src"] == ["'self'", "'unsafe-inline'"], url
            assert policy(response)["object-src"] == ["'none'"], url

    def test_the_dashboards_login_page_has_the_staff_policy(self, client):
        response = client.get(reverse("dashboard:login"))
        assert "'unsafe-inline'" in policy(response)["script-src"]

    @pytest.mark.parametrize("path", ["/dashboard/", "/en/dashboard/catalogue/", "/phone/desk/",
                                      "/reports/impact/", "/notifications/outbox/",
                                      "/payments/dashboard/settlements/", "/rentals/desk/",
                                      "/rentals/inventory/"])
    def test_staff_pages_are_known_by_their_path(self, path):
        assert is_staff_page(path)

    @pytest.mark.parametrize("path", ["/", "/en/", "/catalogue/", "/basket/", "/checkout/",
                                      "/payments/order/1/abc/", "/rentals/book/1/",
                                      "/rentals/bookings/1/", "/services/register/popote/",
                                      "/pres-de-chez-moi/", "/en/near-me/", "/admin/",
                                      "/dashboardx/", "/en/catalogue/dashboard/"])
    def test_storefront_pages_are_not_staff_pages(self, path):
        assert not is_staff_page(path)
