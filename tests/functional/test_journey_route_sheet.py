"""In a real browser, a coordinator opens tomorrow's route sheet.

From the meal-delivery home, to tomorrow's routes (planned from the page by
postal area), to one route's sheet with the stops, access notes and allergies
the volunteer driver needs. Every page is audited for accessibility.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from services.services import deliveries_generate, registration_approve
from shop.accounts.services import user_make_coordinator
from tests.factories import StaffFactory
from tests.functional.a11y import (
    audit,
    browser_context,
    expect,
    keep_screenshot,
    needs_chromium,
    new_page,
)
from tests.services.factories import ClientFactory, SeasonFactory, program_with, register

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


@pytest.fixture
def tomorrows_deliveries(monkeypatch):
    """Two approved clients in two postal areas, delivered every day, from today."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    program = program_with(weekdays=range(7), name="Popote roulante Saint-Henri")
    season = SeasonFactory(program=program, starts_on=today - timedelta(days=30),
                           ends_on=today + timedelta(days=90),
                           registration_opens_on=today - timedelta(days=60),
                           registration_closes_on=today + timedelta(days=60))
    rita = ClientFactory(first_name="Rita", last_name="Lavoie", postal_code="H4C 1S3",
                         allergies="arachides", access_notes="Porte arrière")
    gerard = ClientFactory(first_name="Gérard", last_name="Bouchard", postal_code="H3J 2A1")
    for client in (rita, gerard):
        registration_approve(registration=register(client, program, season, weekdays=range(7),
                                                   start=today), by=None)
    assert deliveries_generate(start=tomorrow, days=1) == 2
    return program, tomorrow


def test_a_coordinator_opens_tomorrows_route_sheet(live_server, client, tomorrows_deliveries):
    program, tomorrow = tomorrows_deliveries
    client.force_login(user_make_coordinator(user=StaffFactory()))
    with browser_context(live_server.url, logged_in=client) as context:
        page = new_page(context)
        page.goto(live_server.url + "/services/")
        audit(page, "meal delivery home")

        page.goto(f"{live_server.url}/services/programs/{program.pk}/routes/{tomorrow.isoformat()}/")
        assert "2 livraisons ne sont sur aucun trajet" in page.inner_text("main")
        audit(page, "tomorrow's routes, not planned")
        page.get_by_role("button", name="Planifier les trajets par secteur postal").click()
        assert "2 tournées planifiées" in page.inner_text(".messages")
        audit(page, "tomorrow's routes")
        keep_screenshot(page, "route_sheets_tomorrow")

        page.get_by_role("link", name="H4C").click()
        sheet = page.inner_text("section.sheet")
        assert "Rita Lavoie" in sheet and "Porte arrière" in sheet and "arachides" in sheet
        assert "Gérard Bouchard" not in sheet
        expect(page.get_by_label("Résultat")).to_be_visible()
        expect(page.get_by_role("button", name="Monter cet arrêt")).to_be_visible()
        audit(page, "route sheet")
        keep_screenshot(page, "route_sheet_h4c")
