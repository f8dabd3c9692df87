"""In a real browser, a staff member takes a phone order for a phone-only client.

Headless Chromium (the machine's own) driven by Playwright, against a live
server: search by the number as the caller says it, open the client, add a
book and a tool rental from two sellers, check the live totals and taxes,
confirm, and read the summary back. The test keeps a screenshot of it.
"""

import pytest
from oscar.core.loading import get_model

from shop.order.models import Channel
from shop.taxes import TaxClass
from tests.factories import PhoneOnlyClientFactory, StaffFactory, product_for
from tests.functional.a11y import audit, browser_context, keep_screenshot, needs_chromium, new_page

Order = get_model("order", "Order")

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


@pytest.fixture
def browser_page(live_server, client, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    staff = StaffFactory(first_name="Josée", last_name="Bélanger")
    client.force_login(staff)
    with browser_context(live_server.url, logged_in=client) as context:
        yield new_page(context), staff


def test_a_staff_member_takes_a_phone_order_from_search_to_confirmation(live_server, browser_page, sellers):
    page, staff = browser_page
    gerard = PhoneOnlyClientFactory(first_name="Gérard", last_name="Bouchard", phone="+15145550142")
    product_for(sellers["bookshop"], title="Kamouraska", price="24.95", tax_class=TaxClass.BOOKS,
                class_name="Livre imprimé")
    product_for(sellers["tools"], title="Perceuse sans fil", price="10.00")

    page.goto(live_server.url + "/phone/desk/")
    audit(page, "phone desk search")
    page.fill("#id_q", "514 555 0142")
    page.keyboard.press("Enter")
    page.wait_for_selector("a.client-result")
    audit(page, "phone desk search results")
    page.click("a.client-result")
    assert "Gérard Bouchard" in page.inner_text("h1")
    audit(page, "phone desk client")

    for search in ("Kamouraska", "Perceuse"):
        page.fill("#id_product", search)
        page.keyboard.press("Enter")
        page.click("#products button.add-product")
    assert "37,70" in page.inner_text("#total")
    assert "1,75" in page.inner_text("#gst") and "1,00" in page.inner_text("#qst")
    audit(page, "phone desk order with two lines")

    page.click("#confirm-order")
    page.wait_for_selector("#read-back")
    order = Order.objects.get(user=gerard)
    assert (order.channel, order.placed_by) == (Channel.PHONE, staff)
    read_back = page.inner_text("#read-back")
    assert order.number in read_back and "37,70" in read_back and "Kamouraska" in read_back

    audit(page, "phone desk order summary")

    shot = keep_screenshot(page, "phone_desk_order")
    assert shot.stat().st_size > 10_000
