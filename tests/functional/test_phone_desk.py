"""In a real browser, a staff member takes a phone order for a phone-only client.

Headless Chromium (the machine's own) driven by Playwright, against a live
server: search by the number as the caller says it, open the client, add a
book and a tool rental from two sellers, check the live totals and taxes,
confirm, and read the summary back. The test keeps a screenshot of it.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from oscar.core.loading import get_model

from shop.order.models import Channel
from shop.taxes import TaxClass
from tests.factories import PhoneOnlyClientFactory, StaffFactory, product_for

playwright_api = pytest.importorskip("playwright.sync_api")
Order = get_model("order", "Order")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
SCREENSHOTS = Path(os.environ.get("TEST_ARTIFACTS_DIR", Path(tempfile.gettempdir()) / "comptoir-artifacts"))

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine"),
]


@pytest.fixture
def browser_page(live_server, client, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    staff = StaffFactory(first_name="Josée", last_name="Bélanger")
    client.force_login(staff)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox"])
        context = browser.new_context(locale="fr-CA", viewport={"width": 1280, "height": 1000})
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                              "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page, staff
        browser.close()


def test_a_staff_member_takes_a_phone_order_from_search_to_confirmation(live_server, browser_page, sellers):
    page, staff = browser_page
    gerard = PhoneOnlyClientFactory(first_name="Gérard", last_name="Bouchard", phone="+15145550142")
    product_for(sellers["bookshop"], title="Kamouraska", price="24.95", tax_class=TaxClass.BOOKS,
                class_name="Livre imprimé")
    product_for(sellers["tools"], title="Perceuse sans fil", price="10.00")

    page.goto(live_server.url + "/phone/desk/")
    page.fill("#id_q", "514 555 0142")
    page.keyboard.press("Enter")
    page.click("a.client-result")
    assert "Gérard Bouchard" in page.inner_text("h1")

    for search in ("Kamouraska", "Perceuse"):
        page.fill("#id_product", search)
        page.keyboard.press("Enter")
        page.click("#products button.add-product")
    assert "37,70" in page.inner_text("#total")
    assert "1,75" in page.inner_text("#gst") and "1,00" in page.inner_text("#qst")

    page.click("#confirm-order")
    page.wait_for_selector("#read-back")
    order = Order.objects.get(user=gerard)
    assert (order.channel, order.placed_by) == (Channel.PHONE, staff)
    read_back = page.inner_text("#read-back")
    assert order.number in read_back and "37,70" in read_back and "Kamouraska" in read_back

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "phone_desk_order.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
