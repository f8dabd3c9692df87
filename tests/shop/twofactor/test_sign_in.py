"""Staff who must sign in in two steps get no page on a password alone.

After the password, whichever login form took it, the next page is the second
step ("the 6-digit code from your app, or a recovery code"), or setting it up
for who has no app yet. These tests sign in with the password only (the login
form, or ``password_only_login``), never with the suite's ``force_login``.
"""

import pytest
from django.urls import reverse

from shop.twofactor.services import recovery_codes_renew
from tests.factories import SellerFactory, product_for
from tests.twofactor import app_code, password_only_login, verified_device

from .conftest import PASSWORD, second_step, sign_in

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "/dashboard/", "/dashboard/orders/", "/dashboard/users/", "/admin/", "/admin/accounts/user/",
    "/phone/desk/", "/phone/inbox/", "/services/", "/reports/impact/", "/notifications/outbox/",
    "/payments/dashboard/settlements/", "/rentals/desk/", "/rentals/inventory/",
]


def is_second_step(response, page="code"):
    return response.status_code == 302 and response["Location"].startswith(f"/two-step/{page}/")


class TestACoordinatorWithAPasswordOnly:
    def test_cannot_open_the_dashboard_and_is_taken_to_set_up_the_second_step(
            self, client, coordinator):
        sign_in(client, "cora@example.org")

        response = client.get("/dashboard/")

        assert is_second_step(response, "setup")
        assert response["Location"] == "/two-step/setup/?next=%2Fdashboard%2F"
        page = client.get("/dashboard/", follow=True)
        assert page.redirect_chain[-1][0].startswith("/two-step/setup/")
        assert "Activer la connexion en deux étapes" in page.content.decode()
        assert "dashboard/index.html" not in [t.name for t in page.templates]

    def test_with_an_app_is_asked_for_its_code_then_opens_the_dashboard(self, client, coordinator):
        device = verified_device(coordinator)
        sign_in(client, "cora@example.org")
        response = client.get("/dashboard/")
        assert is_second_step(response)
        assert "Entrez votre code" in client.get(response["Location"]).content.decode()

        response = second_step(client, app_code(device))

        assert response.status_code == 302 and response["Location"] == "/dashboard/"
        assert client.get("/dashboard/").status_code == 200

    @pytest.mark.parametrize("url", STAFF_PAGES)
    def test_no_staff_page_opens(self, client, coordinator, url):
        verified_device(coordinator)
        password_only_login(client, coordinator)

        response = client.get(url)

        assert is_second_step(response), (url, response.status_code)

    def test_not_even_the_shop_or_a_form_post_opens(self, client, coordinator):
        """Not a list of staff addresses: every page, so a new one cannot be forgotten."""
        verified_device(coordinator)
        password_only_login(client, coordinator)
        assert is_second_step(client.get("/catalogue/"))
        assert is_second_step(client.get("/accounts/profile/"))
        assert is_second_step(client.post("/dashboard/orders/", {"action": "anything"}))

    def test_a_wrong_code_is_refused_in_plain_french(self, client, coordinator):
        device = verified_device(coordinator)
        sign_in(client, "cora@example.org")
        wrong = "000000" if app_code(device) != "000000" else "111111"

        response = second_step(client, wrong)

        assert response.status_code == 200
        assert "Ce code ne fonctionne pas" in response.content.decode()
        assert is_second_step(client.get("/dashboard/"))

    def test_a_code_serves_only_once(self, client, coordinator):
        device = verified_device(coordinator)
        code = app_code(device)
        sign_in(client, "cora@example.org")
        assert second_step(client, code).status_code == 302
        client.get("/accounts/logout/")

        sign_in(client, "cora@example.org")
        assert second_step(client, code).status_code == 200
        assert is_second_step(client.get("/dashboard/"))

    def test_may_sign_out_from_the_second_step(self, client, coordinator):
        verified_device(coordinator)
        sign_in(client, "cora@example.org")
        client.get("/accounts/logout/")
        assert "_auth_user_id" not in client.session

    def test_the_second_step_leads_only_to_the_shops_own_pages(self, client, coordinator):
        device = verified_device(coordinator)
        sign_in(client, "cora@example.org")
        response = second_step(client, app_code(device), next_url="https://evil.example/")
        assert response["Location"] == reverse("dashboard:index")

    def test_the_session_gets_a_new_key_once_the_code_is_given(self, client, coordinator):
        device = verified_device(coordinator)
        sign_in(client, "cora@example.org")
        before = client.session.session_key
        second_step(client, app_code(device))
        assert client.session.session_key != before


class TestRecoveryCodes:
    def test_one_opens_the_dashboard_once_typed_any_way(self, client, clock, coordinator):
        verified_device(coordinator)
        codes = recovery_codes_renew(user=coordinator)
        assert len(codes) == 10 and len(set(codes)) == 10
        sign_in(client, "cora@example.org")

        typed = f" {codes[0][:4].upper()}-{codes[0][4:].upper()} "
        assert second_step(client, typed).status_code == 302
        assert client.get("/dashboard/").status_code == 200

        client.get("/accounts/logout/")
        sign_in(client, "cora@example.org")
        assert second_step(client, codes[0]).status_code == 200  # used up
        clock.shift(2)  # django-otp makes the next try wait a second after a wrong one
        assert second_step(client, codes[1]).status_code == 302

    def test_right_after_a_wrong_code_the_next_one_waits_a_moment(self, client, clock, coordinator):
        device = verified_device(coordinator)
        sign_in(client, "cora@example.org")
        wrong = "000000" if app_code(device) != "000000" else "111111"
        assert second_step(client, wrong).status_code == 200
        assert second_step(client, app_code(device)).status_code == 200
        clock.shift(2)
        assert second_step(client, app_code(device)).status_code == 302


class TestSettingUpTheApp:
    def test_scan_confirm_with_a_code_then_see_ten_recovery_codes_once(self, client, coordinator):
        from base64 import b32decode

        from django_otp.oath import TOTP

        from shop import clock

        sign_in(client, "cora@example.org")
        page = client.get("/two-step/setup/?next=/dashboard/")
        assert page.status_code == 200
        content = page.content.decode()
        assert '<svg role="img"' in content and page.context["secret"] in content

        key = b32decode(page.context["secret"].replace(" ", ""))
        totp = TOTP(key)
        totp.time = clock.now().timestamp()
        response = client.post("/two-step/setup/", {"code": f"{totp.token():06d}",
                                                    "next": "/dashboard/"})

        assert response.status_code == 302
        assert response["Location"].startswith("/two-step/recovery-codes/")
        shown = client.get(response["Location"])
        assert len(shown.context["codes"]) == 10
        assert all(code in shown.content.decode() for code in shown.context["codes"])
        again = client.get(response["Location"])
        assert again.context["codes"] == [] and "10 codes de secours" in again.content.decode()
        assert client.get("/dashboard/").status_code == 200

    def test_a_code_of_another_key_sets_nothing_up(self, client, coordinator):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        sign_in(client, "cora@example.org")
        client.get("/two-step/setup/")
        other = TOTPDevice(user=coordinator)
        response = client.post("/two-step/setup/", {"code": app_code(other)})
        assert response.status_code == 200
        assert "Ce code ne correspond pas" in response.content.decode()
        assert not TOTPDevice.objects.filter(user=coordinator).exists()
        assert is_second_step(client.get("/dashboard/"), "setup")

    def test_each_session_is_shown_its_own_key_until_it_is_confirmed(
            self, client, coordinator):
        from django.test import Client

        sign_in(client, "cora@example.org")
        other = Client()
        sign_in(other, "cora@example.org")
        first = client.get("/two-step/setup/").context["secret"]
        assert client.get("/two-step/setup/").context["secret"] == first
        assert other.get("/two-step/setup/").context["secret"] != first

    def test_a_password_alone_cannot_replace_an_app_already_set_up(self, client, coordinator):
        verified_device(coordinator)
        sign_in(client, "cora@example.org")
        assert is_second_step(client.get("/two-step/setup/"))

    def test_clients_have_nothing_to_set_up(self, client, customer):
        sign_in(client, "lea@example.org")
        assert client.get("/two-step/setup/").status_code == 403
        assert client.get("/accounts/profile/").status_code == 200


class TestEveryLoginForm:
    """Whichever form took the password, the next page asked for is the second step."""

    def test_the_dashboard_login(self, client, coordinator):
        verified_device(coordinator)
        response = client.post("/dashboard/login/", {"username": "cora@example.org",
                                                     "password": PASSWORD})
        assert response.status_code == 302
        assert is_second_step(client.get(response["Location"]))

    def test_the_dashboard_redirects_to_a_login_then_the_second_step(self, client, coordinator):
        verified_device(coordinator)
        login_page = client.get("/dashboard/")
        assert login_page.status_code == 302 and "/login/" in login_page["Location"]
        sign_in(client, "cora@example.org")
        assert is_second_step(client.get("/dashboard/"))

    def test_the_admin_login(self, client, administrator):
        verified_device(administrator)
        response = client.post("/admin/login/", {"username": "admin@example.org",
                                                 "password": PASSWORD, "next": "/admin/"})
        assert response.status_code == 302 and response["Location"] == "/admin/"
        assert is_second_step(client.get("/admin/"))

    def test_the_checkout_sign_in(self, client, coordinator):
        verified_device(coordinator)
        product = product_for(SellerFactory(name="Librairie du Quartier"))
        client.post(reverse("basket:add", args=[product.pk]), {"quantity": "1"})
        response = client.post("/checkout/", {"username": "cora@example.org",
                                              "options": "existing", "password": PASSWORD})
        assert response.status_code == 302
        assert is_second_step(client.get(response["Location"]))


class TestSellerStaff:
    def test_open_the_dashboard_with_a_password_by_default(self, client, bookseller):
        sign_in(client, "libraire@example.org")
        assert client.get("/dashboard/").status_code == 200

    def test_must_set_it_up_when_the_setting_says_so(self, client, bookseller, settings):
        settings.OTP_REQUIRED_FOR_SELLER_STAFF = True
        sign_in(client, "libraire@example.org")
        assert is_second_step(client.get("/dashboard/"), "setup")

    def test_may_set_it_up_and_are_then_asked_for_it(self, client, bookseller):
        sign_in(client, "libraire@example.org")
        assert client.get("/two-step/").status_code == 200
        assert client.get("/two-step/setup/").status_code == 200
        device = verified_device(bookseller)
        client.get("/accounts/logout/")

        sign_in(client, "libraire@example.org")
        assert is_second_step(client.get("/dashboard/"))
        assert second_step(client, app_code(device)).status_code == 302
        assert client.get("/dashboard/").status_code == 200


class TestClients:
    def test_are_never_asked_for_a_code(self, client, customer):
        sign_in(client, "lea@example.org")
        assert client.get("/accounts/profile/").status_code == 200
        assert client.get("/two-step/code/").status_code == 302  # nothing to ask: back to the shop
