"""In a real browser at a phone's width: a driver records five stops without signal.

The driver opens their link, the signal drops, they record five outcomes and
reload the page (the route and what they recorded are still there); the signal
returns and exactly five outcomes are stored; the same queue sent again stores
nothing more.
"""

import json

import pytest

from drivers.models import StopOutcome
from drivers.tokens import token_for
from services.models import FollowUp
from tests.functional.a11y import (
    CHROMIUM,
    audit,
    expect,
    keep_screenshot,
    needs_chromium,
    playwright_api,
)

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]
PHONE = {"width": 375, "height": 740}
OUTCOMES = ["delivered", "nobody_home", "refused", "delivered", "delivered"]
SHOWN = {"delivered": "Livré", "nobody_home": "Personne à la maison",
         "refused": "Refusée à la porte"}


@pytest.fixture
def phone(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM beside Playwright's loop
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-background-networking"])
        context = browser.new_context(locale="fr-CA", viewport=PHONE, device_scale_factor=2,
                                      has_touch=True, is_mobile=True)
        try:
            yield context
        finally:
            browser.close()


def test_a_driver_records_five_stops_without_signal(live_server, link, on_call, phone):
    token = token_for(link)
    page = phone.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/tournee/{token}/")
    expect(page.locator("body")).to_have_attribute("data-offline-ready", "1")
    audit(page, "the driver's route")
    keep_screenshot(page, "driver_route_375")

    phone.set_offline(True)
    stops = page.locator("li.stop")
    for position, outcome in enumerate(OUTCOMES):
        stops.nth(position).locator(f"button[data-outcome='{outcome}']").click()
    expect(page.locator("#sync-status")).to_contain_text("5 résultat(s) en attente d'envoi")
    assert StopOutcome.objects.count() == 0

    page.reload()
    expect(stops).to_have_count(5)
    expect(stops.nth(0)).to_contain_text("Rita Lavoie")
    expect(stops.nth(0)).to_contain_text("sans noix")
    for position, outcome in enumerate(OUTCOMES):
        expect(stops.nth(position).locator("[data-role=outcome]")).to_have_text(
            f"{SHOWN[outcome]} — en attente d'envoi")
    queue = page.evaluate("() => Object.keys(localStorage).filter(k => k.endsWith(':queue'))"
                          ".map(k => localStorage.getItem(k))")[0]
    assert len(json.loads(queue)) == 5

    phone.set_offline(False)
    expect(page.locator("#sync-status")).to_have_text("Tous les résultats sont envoyés.")
    expect(stops.nth(1).locator("[data-role=outcome]")).to_have_text(
        "Personne à la maison — envoyé")
    assert StopOutcome.objects.count() == 5
    assert FollowUp.objects.filter(status="open").count() == 1

    again = page.evaluate(
        """async ([url, queue]) => {
            const response = await fetch(url, {method: "POST", body: queue,
                                               headers: {"Content-Type": "application/json"}});
            return (await response.json()).results.map(result => result.status);
        }""", [f"/tournee/{token}/resultats/", json.dumps({"outcomes": json.loads(queue)})])
    assert again == ["duplicate"] * 5
    assert StopOutcome.objects.count() == 5
