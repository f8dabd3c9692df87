"""In a real browser, a member picks up an order from two sellers: no address is asked.

A printed book from the bookshop and a jar of jam from the grocer, from their
product pages to the basket; the checkout offers pick-up at both counters or
delivery, and pick-up goes straight to the payment step. The confirmation
lists both counters (name, address, phone, opening hours when the seller has
them) and the payment by its name. The choice of pick-up is also seen in English. The member's order page then shows the
status by its French name with GST and QST, and the same page in English.
Every page is audited for accessibility; the checkout's buttons are checked
at 200 % zoom.
"""

import re

import pytest
from django.test import Client
from oscar.core.loading import get_model

from tests.factories import UserFactory
from tests.functional.a11y import (
    at_200_percent,
    audit,
    browser_context,
    expect,
    keep_screenshot,
    needs_chromium,
    new_page,
)
from tests.shop.checkout.shop_data import (
    BOOKSHOP_HOURS,
    sellers_have_opening_hours,
    two_sellers_products,
)

Order = get_model("order", "Order")

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

PICKUP = "form:has(input[name=method_code][value=pickup]) button"


@pytest.fixture
def member(monkeypatch, settings):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    settings.LOCAL_DELIVERY_AREA = ["H2J", "H2K"]
    client = Client()
    client.force_login(UserFactory(email="lea@example.org"))
    return client


def text(page, selector):
    return re.sub(r"\s+", " ", page.inner_text(selector))


def test_a_member_picks_up_an_order_from_two_sellers_without_giving_an_address(
        live_server, member):
    book, jam = two_sellers_products()
    with browser_context(live_server.url, logged_in=member) as context:
        page = new_page(context)
        for product in (book, jam):
            page.goto(live_server.url + product.get_absolute_url())
            page.click("#add_to_basket_form button[type=submit]")
            expect(page.locator("#messages")).to_contain_text(product.title)
        audit(page, "product page, added to the basket")

        page.goto(live_server.url + "/basket/")
        audit(page, "basket")
        page.click("a[href='/checkout/']")

        page.wait_for_url("**/checkout/shipping-method/")
        assert page.locator("input[name=line1]").count() == 0  # no address asked
        choice = text(page, "#method-pickup")
        assert "Librairie du Quartier" in choice and "Épicerie Solidaire" in choice
        assert page.locator(
            "form:has(input[name=method_code][value=delivery]) button").is_visible()
        audit(page, "checkout: pick-up or delivery")
        at_200_percent(page, "pickup-checkout-method", PICKUP)

        page.goto(live_server.url + "/en/checkout/shipping-method/")
        assert "Pick-up at the seller's counter" in text(page, "#method-pickup")
        assert "Épicerie Solidaire" in text(page, "#method-pickup")
        audit(page, "checkout: pick-up or delivery, English")
        page.goto(live_server.url + "/checkout/shipping-method/")
        page.click(PICKUP)

        page.wait_for_url("**/checkout/payment-method/")
        assert "STRIPE_ENABLED" not in page.content()
        page.check("input[name=method][value=on_delivery]")
        audit(page, "checkout: payment")
        at_200_percent(page, "pickup-checkout-payment", "#payment-method-form button")
        page.click("#payment-method-form button")

        assert "37,70" in page.inner_text("#order-total")
        assert "4380 rue Saint-Denis" in text(page, "#preview-pickup")
        audit(page, "checkout: preview")
        at_200_percent(page, "pickup-checkout-preview", "#place-order")
        page.click("#place-order")

        page.wait_for_url("**/checkout/thank-you/")
        counters = text(page, "#order-pickup")
        assert "Librairie du Quartier" in counters and "4380 rue Saint-Denis" in counters
        assert "Épicerie Solidaire" in counters and "2100 rue Ontario Est" in counters
        assert "(514) 555-0111" in counters and "(514) 555-0122" in counters
        if sellers_have_opening_hours():
            assert BOOKSHOP_HOURS in counters
        payment = text(page, "#order-payment")
        assert "Paiement au comptoir du vendeur, au ramassage — 37,70 $" in payment
        assert "on_delivery" not in page.content() and "Allocation" not in page.content()
        audit(page, "confirmation")
        keep_screenshot(page, "pickup_confirmation")

        order = Order.objects.get()
        assert order.shipping_address is None and order.shipping_code == "pickup"
        page.goto(live_server.url + f"/accounts/orders/{order.number}/")
        assert text(page, "#order-status") == "À préparer"
        assert "1,75" in page.inner_text("#tax-gst") and "TPS" in page.inner_text("#tax-gst")
        assert "1,00" in page.inner_text("#tax-qst") and "TVQ" in page.inner_text("#tax-qst")
        assert "Épicerie Solidaire" in text(page, "#order-pickup")
        audit(page, "order page, French")
        keep_screenshot(page, "pickup_order_page_fr")

        page.goto(live_server.url + f"/en/accounts/orders/{order.number}/")
        assert text(page, "#order-status") == "To prepare"
        assert "GST" in page.inner_text("#tax-gst") and "QST" in page.inner_text("#tax-qst")
        assert "Pay at the seller's counter, at pick-up" in text(page, "#order-payment")
        audit(page, "order page, English")
