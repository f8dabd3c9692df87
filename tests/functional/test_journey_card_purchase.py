"""In a real browser, an online client buys a book and books a tool, and pays by card.

From the catalogue to the payment page as a guest: the book's page, the tool
library's drill with its price per day and availability (a tool is booked,
never put in the basket), the basket with Québec taxes, the checkout steps.
Stripe.js cannot load here, so the page gets a stand-in with Stripe.js's calls:
confirming the payment makes the fake Stripe succeed the PaymentIntent and brings
the client back to the page, as Stripe does. The order is paid only once the
signed webhook arrives; the page then says so. Every page is audited for
accessibility, and the public ones are checked at 200 % zoom.

A signed-in member books a tool on its product page (guest checkout and a
signed-in client do not mix, so this is a journey of its own): wrong dates are
refused with the reason, right ones lead to Stripe Checkout (a stand-in page
here) and back to the booking page, which says confirmed once the signed
webhook arrives.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from shop.order.statuses import OrderStatus
from shop.rentals.models import Reservation, ReservationStatus
from shop.taxes import TaxClass
from tests.factories import product_for
from tests.functional.a11y import (
    at_200_percent,
    audit,
    browser_context,
    expect,
    keep_screenshot,
    needs_chromium,
    new_page,
)
from tests.integrations.stripe import fake as stripe_fake
from tests.integrations.stripe.fake import deliver, event
from tests.shop.rentals.factories import member_of, rentable_product

Order = get_model("order", "Order")
Country = get_model("address", "Country")

stripe_on = stripe_fake.stripe_on
webhook_secret = stripe_fake.webhook_secret

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

# What the page needs of Stripe.js: the Payment Element mounts, and confirming
# asks the fake Stripe to take the payment, then returns to the shop's page.
STRIPE_JS_STAND_IN = """
window.Stripe = function () {
    var secret = null;
    return {
        elements: function (options) {
            secret = options.clientSecret;
            return {create: function () {
                return {mount: function (selector) {
                    document.querySelector(selector).dataset.mounted = "yes";
                }};
            }};
        },
        confirmPayment: function (options) {
            return window.fakeStripeConfirm(secret).then(function (intentId) {
                window.location.href = options.confirmParams.return_url
                    + "?payment_intent=" + intentId + "&redirect_status=succeeded";
                return {};
            });
        },
    };
};
"""


@pytest.fixture
def shop(sellers, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    Country.objects.get_or_create(iso_3166_1_a2="CA",
                                  defaults={"name": "Canada", "is_shipping_country": True})
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95",
                       tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
    drill = rentable_product(sellers["tools"], title="Perceuse sans fil", units=2)
    return book, drill


def test_a_guest_buys_a_book_books_a_tool_and_pays_by_card(
        live_server, shop, stripe_on, webhook_secret, celery_worker):
    book, drill = shop
    with browser_context(live_server.url) as context:
        page = new_page(context)
        page.route("https://js.stripe.com/v3/", lambda route: route.fulfill(
            content_type="application/javascript", body=STRIPE_JS_STAND_IN))
        page.expose_function("fakeStripeConfirm", lambda secret: stripe_on.succeed(
            secret.split("_secret")[0])["id"])

        page.goto(live_server.url + "/catalogue/")
        audit(page, "catalogue")
        at_200_percent(page, "catalogue", "form[action^='/basket/add/'] button >> nth=0")
        page.get_by_role("link", name="Kamouraska").first.click()
        audit(page, "book page")
        at_200_percent(page, "book-page", "#add_to_basket_form button[type=submit]")
        page.click("#add_to_basket_form button[type=submit]")
        expect(page.locator("#messages")).to_contain_text("Kamouraska")
        audit(page, "book page, added to the basket")

        page.goto(live_server.url + drill.get_absolute_url())
        assert "2 exemplaires libres aujourd'hui" in page.inner_text("#rental-availability")
        expect(page.locator("#add_to_basket_form")).to_have_count(0)  # booked, not bought
        audit(page, "tool page")
        at_200_percent(page, "tool-page", "#booking-sign-in")

        page.goto(live_server.url + "/basket/")
        assert "1,25" in page.inner_text("#tax-gst") and "26,20" in page.inner_text("#order-total")
        expect(page.get_by_label("Quantité")).to_have_count(1)  # one box a line, each named
        audit(page, "basket")
        proceed = "a[href='/checkout/']"
        at_200_percent(page, "basket", proceed)
        page.click(proceed)

        page.fill("#id_username", "lea@example.org")
        page.check("#id_options_0")
        audit(page, "checkout: who are you")
        at_200_percent(page, "checkout-gateway", "form button[type=submit]")
        page.click("form button[type=submit]")

        pickup = "form:has(input[name=method_code][value=pickup]) button"
        audit(page, "checkout: shipping method")
        at_200_percent(page, "checkout-shipping-method", pickup)
        page.click(pickup)

        page.check("input[name=method][value=card]")
        audit(page, "checkout: payment method")
        at_200_percent(page, "checkout-payment-method", "#payment-method-form button")
        page.click("#payment-method-form button")

        assert "26,20" in page.inner_text("#order-total")
        audit(page, "checkout: preview")
        at_200_percent(page, "checkout-preview", "#place-order")
        page.click("#place-order")

        page.wait_for_url("**/payments/order/**")
        page.wait_for_selector("#payment-element[data-mounted=yes]", state="attached")
        order = Order.objects.get()
        assert page.get_attribute("#payment-state", "data-state") == "unpaid"
        audit(page, "payment page")
        at_200_percent(page, "payment-page", "#card-pay")
        keep_screenshot(page, "card_purchase_payment")
        page.click("#card-pay")

        page.wait_for_url("**redirect_status=succeeded")
        assert order_status(order) == OrderStatus.PENDING_PAYMENT  # not before the webhook
        assert "confirm" in page.inner_text("#payment-state").lower()
        audit(page, "payment page, payment being confirmed")

        intent = stripe_on.objects[order.sources.get().reference]
        assert deliver(Client(), event("payment_intent.succeeded", intent)).status_code == 200
        assert wait_until_paid(page, order)
        assert "Payé" in page.inner_text("#payment-state")
        audit(page, "payment page, paid")
        keep_screenshot(page, "card_purchase_paid")

    order.refresh_from_db()
    assert str(order.total_incl_tax) == "26.20" and order.status == OrderStatus.TO_PREPARE


def order_status(order):
    return Order.objects.values_list("status", flat=True).get(pk=order.pk)


def wait_until_paid(page, order):
    """The client reloads the page until it says paid (the webhook may be on a worker)."""
    for _ in range(60):
        page.reload()
        if page.get_attribute("#payment-state", "data-state") == "paid":
            return True
        page.wait_for_timeout(250)
    return False


# Stripe Checkout's hosted page, reduced to what the journey needs: paying
# brings the client back to the session's success URL, as Stripe does.
CHECKOUT_STAND_IN = """<!doctype html><html lang="fr"><head><title>Stripe Checkout</title></head>
<body><main><h1>Stripe Checkout</h1><a id="checkout-pay" href="{success_url}">Payer</a></main>
</body></html>"""


def test_a_member_books_a_tool_on_its_page_and_pays_on_stripe_checkout(
        live_server, shop, sellers, client, settings, stripe_on, webhook_secret, celery_worker):
    _book, drill = shop
    settings.PUBLIC_BASE_URL = live_server.url  # where Stripe sends the client back
    client.force_login(member_of(sellers["tools"], email="lea@example.org"))
    first, last = (timezone.localdate() + timedelta(days=n) for n in (3, 5))
    with browser_context(live_server.url, logged_in=client) as context:
        page = new_page(context)
        page.route("https://checkout.stripe.com/**", lambda route: route.fulfill(
            content_type="text/html", body=CHECKOUT_STAND_IN.format(
                success_url=stripe_on.objects[urlsplit(route.request.url).path.split("/")[-1]]
                ["success_url"])))

        page.goto(live_server.url + drill.get_absolute_url())
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        expect(page.get_by_label("Premier jour")).to_have_value(tomorrow)
        audit(page, "tool page, signed in")
        at_200_percent(page, "tool-page-booking", "#booking-submit")

        page.get_by_label("Premier jour").fill(last.isoformat())
        page.get_by_label("Dernier jour").fill(first.isoformat())
        page.click("#booking-submit")
        expect(page.locator("#booking-errors")).to_contain_text(
            "Le dernier jour vient avant le premier jour.")
        expect(page.get_by_label("Premier jour")).to_have_value(last.isoformat())
        assert not Reservation.objects.exists()
        audit(page, "booking form, dates refused")
        at_200_percent(page, "booking-form", "#booking-submit")

        page.get_by_label("Premier jour").fill(first.isoformat())
        page.get_by_label("Dernier jour").fill(last.isoformat())
        page.click("#booking-submit")
        page.wait_for_url("https://checkout.stripe.com/**")
        page.click("#checkout-pay")

        page.wait_for_url("**/rentals/bookings/**")
        booking = Reservation.objects.get()
        assert page.get_attribute("#booking-state", "data-state") == "held"  # not before the webhook
        assert "En attente de votre paiement" in page.inner_text("#booking-state")
        audit(page, "booking page, waiting for payment")
        at_200_percent(page, "booking-page", "#booking-pay")

        session = {**stripe_on.objects[booking.order.payment_links.get().session_id],
                   "status": "complete", "payment_status": "paid",
                   "payment_intent": stripe_on.new_id("pi")}
        assert deliver(Client(), event("checkout.session.completed", session)).status_code == 200
        assert wait_until_confirmed(page)
        assert "Confirmée" in page.inner_text("#booking-state")
        assert "Perceuse sans fil" in page.inner_text("#booking-summary")
        audit(page, "booking page, confirmed")
        keep_screenshot(page, "tool_booking_confirmed")

    booking.refresh_from_db()
    assert booking.status == ReservationStatus.CONFIRMED
    assert (booking.start_date, booking.end_date) == (first, last)


def wait_until_confirmed(page):
    """The client reloads the booking page until it says confirmed."""
    for _ in range(60):
        page.reload()
        if page.get_attribute("#booking-state", "data-state") == "confirmed":
            return True
        page.wait_for_timeout(250)
    return False
