"""In a real browser, a coordinator signs in for the first time: password, then the phone.

The dashboard asked for after the password leads to setting up the second step:
the QR code and the key as text, the app's code typed in, ten recovery codes
shown once; then the dashboard opens. Next time, the code from the app is asked
for. Each page is checked for accessibility on the way; screenshots are kept.
"""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from shop import clock
from shop.accounts.services import user_make_coordinator
from tests.factories import UserFactory
from tests.functional.a11y import (
    audit,
    browser_context,
    keep_screenshot,
    needs_chromium,
    new_page,
)
from tests.twofactor import app_code, verified_device

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


@pytest.fixture
def page(live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    with browser_context(live_server.url) as context:
        yield new_page(context)


def sign_in_with_password(page, base_url):
    page.goto(base_url + "/accounts/login/?next=/dashboard/")
    page.fill("#id_login-username", "cora@example.org")
    page.fill("#id_login-password", "motdepasse-123")
    page.click("button[name=login_submit]")


def code_of_key(secret_text: str) -> str:
    totp = TOTP(b32decode(secret_text.replace(" ", "")))
    totp.time = clock.now().timestamp()
    return f"{totp.token():06d}"


def test_a_coordinator_sets_up_the_app_then_reaches_the_dashboard(live_server, page):
    user_make_coordinator(user=UserFactory(email="cora@example.org"))

    sign_in_with_password(page, live_server.url)
    page.wait_for_url("**/two-step/setup/**")
    assert "Activer la connexion en deux étapes" in page.inner_text("h1")
    assert page.locator(".qr svg").count() == 1
    audit(page, "two-step set-up")
    keep_screenshot(page, "two-step set-up")

    page.fill("#id_code", code_of_key(page.inner_text("#secret")))
    page.click("button[type=submit]")
    page.wait_for_url("**/two-step/recovery-codes/**")
    assert page.locator("#recovery-codes li").count() == 10
    audit(page, "recovery codes")
    keep_screenshot(page, "recovery codes")

    page.click("text=J'ai gardé mes codes : continuer")
    page.wait_for_url("**/dashboard/")


def test_next_time_the_code_from_the_app_is_asked_for(live_server, page):
    device = verified_device(user_make_coordinator(user=UserFactory(email="cora@example.org")))

    sign_in_with_password(page, live_server.url)
    page.wait_for_url("**/two-step/code/**")
    audit(page, "second step")
    page.fill("#id_code", "000000" if app_code(device) != "000000" else "111111")
    page.click("button[type=submit]")
    assert "Ce code ne fonctionne pas" in page.inner_text("main")
    audit(page, "second step with a wrong code")
    keep_screenshot(page, "second step with a wrong code")

    page.wait_for_timeout(1100)  # after a wrong code, the next try waits a second
    page.fill("#id_code", app_code(device))
    page.click("button[type=submit]")
    page.wait_for_url("**/dashboard/")
