"""French pages show no English: the main pages of clients and staff, on the demo's data.

Each page is read as a person reads it (text, and the labels screen readers
say), and must hold none of the English words that slipped onto French pages
before: Oscar's untranslated or hard-coded strings, our own strings left out
of the catalogue.
"""

import re

import pytest
from django.core.management import call_command
from django.db import transaction
from oscar.core.loading import get_model

from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from tests.factories import StaffFactory
from tests.shop.i18n.visible import visible_text

Category = get_model("catalogue", "Category")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
User = get_model("accounts", "User")

# English seen on French pages, as whole words (case matters: "Total" is French too).
LEAKS = (
    "Toggle Dropdown", "Toggle navigation", "Image Not Available", "Image not available",
    "To prepare", "Pending payment", "Ready for pick-up", "Out for delivery",
    "Add to basket", "Add to cart", "Found", "results", "result", "Search", "Order status",
    "Order history", "Order History", "Basket", "Cart", "Continue", "Quantity", "Submit",
    "Checkout", "Log in", "Login", "Sign in", "Register", "Password", "Email", "Price",
    "Product", "Welcome", "Shipping", "Payment", "Skip to", "Next", "Previous", "Save",
    "Delete", "Edit", "Remove", "Update", "Cancel", "Close", "View", "Phone", "Customer",
    "Orders", "Order", "Dashboard", "Sold by", "per day", "In stock", "Availability",
    "Address", "Home", "Account", "Profile", "Pick-up", "Pick up", "Delivery", "Meals",
    "Tools", "Books", "Sellers", "Call us", "the", "and", "your", "you", "with",
)
LEAK = re.compile(r"(?<![\w-])(" + "|".join(re.escape(word) for word in LEAKS) + r")(?![\w-])")
BOOKS_CLIENT = "lea.tremblay@example.org"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo's catalogue, people and meal service, and one order, for this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        call_command("load_demo_services", verbosity=0)
        client = User.objects.get(email=BOOKS_CLIENT)
        order = place_order(customer=client, channel=Channel.WEB, fulfilment="pickup",
                            payment_method=PaymentMethod.ON_DELIVERY,
                            lines=[LineRequest(a_book())])
        yield {"order_number": order.number, "order_hash": order.verification_hash()}
        transaction.set_rollback(True)


def a_book():
    return Product.objects.filter(product_class__slug__startswith="livre").order_by("pk").first()


def a_tool():
    return Product.objects.filter(product_class__slug__startswith="location").order_by("pk").first()


def leaks(response) -> list[str]:
    """Each English word of the page, with a few words around it to find it by."""
    assert response.status_code == 200, response.status_code
    text = visible_text(response.content.decode())
    return sorted({f"{match.group(0)!r} in …{text[max(match.start() - 40, 0):match.end() + 40]}…"
                   for match in LEAK.finditer(text)})


def anonymous_pages(demo):
    return {
        "catalogue": "/catalogue/",
        "category": Category.objects.get(slug="livres").get_absolute_url(),
        "book": a_book().get_absolute_url(),
        "tool": a_tool().get_absolute_url(),
        "search": "/search/?q=jardin",
        "login": "/accounts/login/",
        "guest order status": f"/accounts/order-status-form/{demo['order_number']}/{demo['order_hash']}/",
        "near me": "/pres-de-chez-moi/",
        "meal registration": "/services/register/popote-saint-henri/",
    }


PAGES = ("home", "catalogue", "category", "book", "tool", "search", "login",
         "guest order status", "near me", "meal registration")


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_french_pages_for_everyone_hold_no_english(client, demo, page):
    url = "/" if page == "home" else anonymous_pages(demo)[page]
    assert leaks(client.get(url, follow=True)) == [], url


@pytest.fixture
def shopper(client, demo):
    """A signed-in client with a book in the basket."""
    client.force_login(User.objects.get(email=BOOKS_CLIENT))
    client.post(f"/basket/add/{a_book().pk}/", {"quantity": 1})
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    "/basket/", "/checkout/", "/checkout/shipping-address/", "/checkout/shipping-method/",
    "/checkout/payment-method/", "/checkout/preview/",
    "/accounts/profile/", "/accounts/orders/", "/accounts/addresses/",
])
def test_french_pages_of_a_signed_in_client_hold_no_english(shopper, url):
    assert leaks(shopper.get(url, follow=True)) == [], url


@pytest.mark.django_db
def test_french_order_page_of_a_client_holds_no_english(shopper, demo):
    url = f"/accounts/orders/{demo['order_number']}/"
    assert leaks(shopper.get(url)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/dashboard/", "/dashboard/orders/", "order"])
def test_french_dashboard_pages_hold_no_english(client, demo, url):
    client.force_login(StaffFactory(is_superuser=True))
    if url == "order":
        url = f"/dashboard/orders/{demo['order_number']}/"
    assert leaks(client.get(url)) == [], url


def test_the_leak_list_catches_english(demo_free_html=(
        '<button aria-label="Toggle navigation"></button><p>Found <b>1</b> result.</p>')):
    assert LEAK.findall(visible_text(demo_free_html)) == ["Toggle navigation", "Found", "result"]
