"""Logins, registrations and webhooks are rate-limited in the cache all web workers share.

The N+1th attempt in a window is answered 429 with Retry-After and a French
message; the next window lets it through. A cache that cannot be reached never
locks anybody out.
"""

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.cache import caches

from shop import ratelimit
from tests.factories import StaffFactory, UserFactory
from tests.integrations.stripe.fake import deliver, event, fixture
from tests.integrations.twilio.helpers import twilio_post, twilio_settings  # noqa: F401

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
WINDOW = 300
START = 1_800_000_000  # a window boundary for 60 and 300 seconds


@pytest.fixture
def clock(monkeypatch):
    """The rate limiter's clock, at the start of a window; ``clock.advance(s)`` moves it."""

    class Clock:
        current = float(START)

        def advance(self, seconds):
            self.current += seconds

    fake = Clock()
    monkeypatch.setattr(ratelimit, "now", lambda: fake.current)
    return fake


@pytest.fixture
def limits(settings):
    def set_limits(**by_scope):
        settings.RATELIMITS = {**settings.RATELIMITS,
                               **{scope.replace("_", "-"): value for scope, value in by_scope.items()}}
        return settings

    return set_limits


def customer_login(client, username, password="mauvais-mot-de-passe", ip="203.0.113.7", **extra):
    return client.post("/accounts/login/", {
        "login-username": username, "login-password": password, "login_submit": "1",
    }, REMOTE_ADDR=ip, **extra)


def dashboard_login(client, username, password="mauvais-mot-de-passe", ip="203.0.113.7"):
    return client.post("/dashboard/login/", {"username": username, "password": password},
                       REMOTE_ADDR=ip)


def assert_locked_out(response, seconds=WINDOW):
    assert response.status_code == 429
    assert response["Retry-After"] == str(seconds)
    minutes = (seconds + 59) // 60
    assert f"Trop de tentatives. Veuillez patienter {minutes} minutes, puis réessayer." in \
        response.content.decode()


class TestTheCustomerLogin:
    def test_the_attempt_after_the_limit_is_refused_until_the_window_ends(self, client, clock, limits):
        limits(login_username="3/300", login_ip="100/300")
        lea = UserFactory(email="lea@example.org")
        for _attempt in range(3):
            response = customer_login(client, "lea@example.org")
            assert response.status_code == 200 and "_auth_user_id" not in client.session
        clock.advance(100)
        response = customer_login(client, "lea@example.org", password="motdepasse-123")
        assert_locked_out(response, seconds=200)
        assert "_auth_user_id" not in client.session

        clock.advance(200)
        response = customer_login(client, "lea@example.org", password="motdepasse-123")
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(lea.pk)

    def test_counts_the_username_whatever_the_address_and_case(self, client, clock, limits):
        limits(login_username="2/300", login_ip="100/300")
        customer_login(client, "lea@example.org", ip="198.51.100.1")
        customer_login(client, "LEA@example.org ", ip="198.51.100.2")
        assert_locked_out(customer_login(client, "Lea@Example.org", ip="198.51.100.3"))
        assert customer_login(client, "marc@example.org", ip="198.51.100.3").status_code == 200

    def test_counts_the_address_whatever_the_username(self, client, clock, limits):
        limits(login_username="100/300", login_ip="2/300")
        customer_login(client, "a@example.org")
        customer_login(client, "b@example.org")
        assert_locked_out(customer_login(client, "c@example.org"))
        assert customer_login(client, "c@example.org", ip="198.51.100.9").status_code == 200

    def test_showing_the_page_is_not_an_attempt(self, client, clock, limits):
        limits(login_username="1/300", login_ip="1/300")
        for _visit in range(3):
            assert client.get("/accounts/login/", REMOTE_ADDR="203.0.113.7").status_code == 200
        assert customer_login(client, "lea@example.org").status_code == 200

    def test_the_english_page_is_limited_too_and_answers_in_english(self, client, clock, limits):
        limits(login_ip="1/300")
        client.post("/en/accounts/login/", {"login-username": "x", "login_submit": "1"})
        response = client.post("/en/accounts/login/", {"login-username": "y", "login_submit": "1"})
        assert response.status_code == 429
        assert "Too many attempts. Please wait 5 minutes" in response.content.decode()


class TestTheClientAddress:
    def test_a_forwarded_for_header_is_ignored_without_a_trusted_proxy(self, client, clock, limits):
        limits(login_ip="1/300", login_username="100/300")
        customer_login(client, "a@example.org", HTTP_X_FORWARDED_FOR="192.0.2.1")
        response = customer_login(client, "b@example.org", HTTP_X_FORWARDED_FOR="192.0.2.2")
        assert_locked_out(response)

    def test_behind_our_proxy_the_hop_it_added_is_the_client(self, client, clock, limits, settings):
        """The proxy appends the address it saw; what the client wrote before it is not trusted."""
        limits(login_ip="1/300", login_username="100/300")
        settings.RATELIMIT_PROXY_COUNT = 1
        proxy = "10.0.0.2"
        customer_login(client, "a@example.org", ip=proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.1")
        response = customer_login(client, "b@example.org", ip=proxy,
                                  HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.2")
        assert response.status_code == 200  # another client behind the same forged value
        assert_locked_out(customer_login(client, "c@example.org", ip=proxy,
                                         HTTP_X_FORWARDED_FOR="7.7.7.7, 192.0.2.1"))


class TestTheDashboardLogin:
    def test_the_attempt_after_the_limit_is_refused_then_the_next_window_lets_staff_in(
            self, client, clock, limits):
        limits(login_username="2/300", login_ip="100/300")
        staff = StaffFactory(email="staff@example.org")
        for _attempt in range(2):
            assert dashboard_login(client, "staff@example.org").status_code == 200
        assert_locked_out(dashboard_login(client, "staff@example.org", password="motdepasse-123"))
        clock.advance(WINDOW)
        response = dashboard_login(client, "staff@example.org", password="motdepasse-123")
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(staff.pk)


class TestTheAdminLogin:
    def test_is_limited_like_the_others(self, client, clock, limits):
        limits(login_username="1/300", login_ip="100/300")
        data = {"username": "admin@example.org", "password": "x", "next": "/admin/"}
        assert client.post("/admin/login/", data, REMOTE_ADDR="203.0.113.7").status_code == 200
        assert_locked_out(client.post("/admin/login/", data, REMOTE_ADDR="203.0.113.7"))


class TestRegistration:
    def register(self, client, n, url="/accounts/register/", prefix=""):
        data = {f"{prefix}email": f"nouveau{n}@example.org", f"{prefix}password1": "x",
                f"{prefix}password2": "y"}
        if prefix:
            data["registration_submit"] = "1"
        return client.post(url, data, REMOTE_ADDR="203.0.113.7")

    def test_is_limited_by_address_on_the_registration_page(self, client, clock, limits):
        limits(register_ip="2/3600")
        assert self.register(client, 1).status_code == 200
        assert self.register(client, 2).status_code == 200
        response = self.register(client, 3)
        assert response.status_code == 429 and response["Retry-After"] == "3600"
        assert "Trop de tentatives. Veuillez patienter 60 minutes" in response.content.decode()

    def test_is_limited_on_the_login_page_too_without_counting_as_a_login(self, client, clock, limits):
        limits(register_ip="1/3600", login_ip="100/300")
        assert self.register(client, 1, url="/accounts/login/", prefix="registration-").status_code == 200
        assert self.register(client, 2, url="/accounts/login/",
                             prefix="registration-").status_code == 429
        assert customer_login(client, "lea@example.org").status_code == 200


@pytest.mark.usefixtures("twilio_settings")
class TestWebhooks:
    """What Stripe and Twilio sign is never limited: Twilio does not retry an SMS webhook
    answered 429. Unsigned and forged requests count by address and are limited."""

    SMS = {"MessageSid": "SM" + "1" * 32, "From": "+15145550142", "To": "+15145550100",
           "Body": "AIDE"}

    def test_forged_twilio_requests_over_the_limit_get_429_before_any_database_work(
            self, client, clock, limits, django_assert_num_queries):
        limits(webhook_ip="2/60")
        for n in range(2):
            response = twilio_post(client, "/phone/sms/inbound/", {**self.SMS, "MessageSid": f"SM{n}"},
                                   forged=True)
            assert response.status_code == 403
        with django_assert_num_queries(0):
            response = twilio_post(client, "/phone/sms/inbound/", {**self.SMS, "MessageSid": "SM3"},
                                   forged=True)
        assert response.status_code == 429 and response["Retry-After"] == "60"
        assert response["Content-Type"].startswith("text/plain")
        assert "Trop de tentatives" in response.content.decode()
        clock.advance(60)
        assert twilio_post(client, "/phone/sms/inbound/", {**self.SMS, "MessageSid": "SM4"},
                           forged=True).status_code == 403

    def test_unsigned_and_forged_requests_share_one_limit_across_twilios_webhooks(
            self, client, clock, limits):
        limits(webhook_ip="2/60")
        assert client.post("/phone/voice/", {"CallSid": "CA1"}).status_code == 403
        assert twilio_post(client, "/notifications/sms/status/", {"MessageSid": "SM1"},
                           forged=True).status_code == 403
        assert client.post("/phone/sms/inbound/", self.SMS).status_code == 429

    def test_signed_requests_pass_from_an_address_over_its_limit(self, client, clock, limits):
        limits(webhook_ip="1/60")
        assert client.post("/phone/voice/", {"CallSid": "CA1"}).status_code == 403
        assert client.post("/phone/voice/", {"CallSid": "CA2"}).status_code == 429

        assert twilio_post(client, "/phone/voice/", {"CallSid": "CA3"}).status_code == 200
        assert twilio_post(client, "/phone/sms/inbound/", self.SMS).status_code == 200
        assert twilio_post(client, "/notifications/sms/status/", {
            "MessageSid": "SM" + "9" * 32, "MessageStatus": "delivered"}).status_code == 204

    def test_stripe_over_the_limit_gets_429_before_any_database_work(
            self, client, clock, limits, settings, django_assert_num_queries):
        limits(webhook_ip="1/60")
        settings.STRIPE_WEBHOOK_SECRET = "whsec_test_comptoir"
        assert deliver(client, "{}").status_code == 400
        with django_assert_num_queries(0):
            response = deliver(client, "{}")
        assert response.status_code == 429 and response["Retry-After"] == "60"
        assert deliver(client, "{}", secret="whsec_forged").status_code == 429

    def test_signed_stripe_events_pass_from_an_address_over_its_limit(
            self, client, clock, limits, settings):
        limits(webhook_ip="1/60")
        settings.STRIPE_WEBHOOK_SECRET = "whsec_test_comptoir"
        assert deliver(client, "{}", secret="whsec_forged").status_code == 400
        assert deliver(client, "{}", secret="whsec_forged").status_code == 429

        response = deliver(client, event("payment_intent.created", fixture("payment_intent")))

        assert response.status_code == 200

    def test_the_default_limit_lets_a_burst_of_a_hundred_messages_through(self, client, clock):
        statuses = {twilio_post(client, "/phone/voice/", {"CallSid": f"CA{n}"}).status_code
                    for n in range(100)}
        assert statuses == {200}

    def test_a_burst_of_fifty_signed_sms_a_second_is_all_accepted_forged_ones_are_not(
            self, client, clock):
        """750 SMS in 15 seconds from one Twilio address, above the default 600 a minute."""
        from phone_orders.models import InboundSms

        statuses = []
        for n in range(750):
            statuses.append(twilio_post(client, "/phone/sms/inbound/", {
                **self.SMS, "MessageSid": f"SM{n:032d}"}).status_code)
            clock.advance(0.02)
        assert set(statuses) == {200}
        assert InboundSms.objects.count() == 750

        forged = [twilio_post(client, "/phone/sms/inbound/", {**self.SMS, "MessageSid": f"SMx{n}"},
                              forged=True).status_code for n in range(601)]
        assert forged == [403] * 600 + [429]


class TestTheCounter:
    def test_says_how_long_to_wait_until_the_window_ends(self, clock):
        assert [ratelimit.hit("k", limit=2, window=60) for _n in range(2)] == [0, 0]
        clock.advance(45)
        assert ratelimit.hit("k", limit=2, window=60) == 15
        assert ratelimit.hit("other", limit=2, window=60) == 0

    def test_a_scope_of_zero_is_unlimited(self, client, clock, limits):
        limits(login_ip="0", login_username="0")
        statuses = {customer_login(client, "lea@example.org").status_code for _n in range(12)}
        assert statuses == {200}


class TestACacheOutage:
    @pytest.fixture
    def dead_redis(self, settings):
        """The shared cache pointed at a Redis that is not there."""
        settings.CACHES = {"default": {
            "BACKEND": "shop.cache.TolerantRedisCache", "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }}
        return caches["default"]

    def test_locks_nobody_out_and_is_logged(self, client, clock, limits, dead_redis, caplog):
        limits(login_username="1/300", login_ip="1/300")
        UserFactory(email="lea@example.org")
        with caplog.at_level(logging.WARNING, logger="shop.ratelimit"):
            statuses = [customer_login(client, "lea@example.org").status_code for _n in range(3)]
            response = customer_login(client, "lea@example.org", password="motdepasse-123")
        assert statuses == [200, 200, 200] and response.status_code == 302
        assert "Rate limit not checked (cache unavailable)" in caplog.text


WORKER = textwrap.dedent("""
    import json, sys
    import django
    django.setup()
    from shop import ratelimit
    ratelimit.now = lambda: float(sys.argv[1])
    waits = [ratelimit.hit("login-ip:198.51.100.5", limit=10, window=300) for _n in range(6)]
    print(json.dumps(waits))
""")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="workers share the count in Redis only")
def test_two_web_workers_share_the_count():
    """Two processes, as two gunicorn workers: 12 attempts, a limit of 10, 2 refused in all."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shop.settings.test"}
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(START)], cwd=BASE_DIR, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _n in range(2)]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        results.extend(json.loads(out.strip().splitlines()[-1]))
    assert sorted(results) == [0] * 10 + [WINDOW] * 2


class TestThePasswordReset:
    def test_the_fourth_request_for_one_email_in_an_hour_is_refused(self, client, clock, mailoutbox):
        UserFactory(email="lea@example.org")
        for n in range(3):
            response = client.post("/password-reset/", {"email": "Lea@example.org"},
                                   REMOTE_ADDR=f"203.0.113.{n + 1}")
            assert response.status_code == 302
        assert len(mailoutbox) == 3
        assert_locked_out(client.post("/password-reset/", {"email": "lea@example.org"},
                                      REMOTE_ADDR="203.0.113.9"), seconds=3600)
        assert len(mailoutbox) == 3
        clock.advance(3600)
        assert client.post("/password-reset/", {"email": "lea@example.org"}).status_code == 302


# --- Every form that checks a password, one key: the address and the normalised username ----


def checkout_sign_in(client, username, password="mauvais-mot-de-passe", ip="203.0.113.7"):
    return client.post("/checkout/", {"username": username, "options": "existing",
                                      "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def basket(client):
    from django.urls import reverse

    from tests.factories import SellerFactory, product_for

    product = product_for(SellerFactory(name="Librairie du Quartier"))
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": "1"})
    return client


class TestTheCheckoutSignIn:
    def test_35_wrong_passwords_get_429_before_the_35th(self, client, clock, basket):
        """The returning customer's password on the checkout's first page, at the default limits."""
        UserFactory(email="lea@example.org")
        statuses = [checkout_sign_in(client, "lea@example.org").status_code for _n in range(35)]
        assert statuses[0] == 200
        assert 429 in statuses[:34]
        assert_locked_out(checkout_sign_in(client, "lea@example.org", password="motdepasse-123"))

    def test_shares_the_count_of_the_login_page(self, client, clock, limits, basket):
        limits(login_username="2/300", login_ip="100/300")
        customer_login(client, "lea@example.org", ip="198.51.100.1")
        checkout_sign_in(client, "lea@example.org", ip="198.51.100.2")
        assert_locked_out(checkout_sign_in(client, "lea@example.org", ip="198.51.100.3"))
        assert_locked_out(customer_login(client, "lea@example.org", ip="198.51.100.4"))

    def test_a_guest_giving_an_email_is_not_counted(self, client, clock, limits, basket):
        limits(login_username="1/300", login_ip="1/300")
        for _n in range(3):
            response = client.post("/checkout/", {"username": "invitee@example.org",
                                                  "options": "anonymous"})
            assert response.status_code == 302


class TestLookAlikeUsernames:
    """Django's forms read "ＬＥＡ@example.org" (fullwidth) as "LEA@example.org", and the
    email backend ignores case: one account, so one count."""

    @pytest.mark.parametrize("typed", [
        "ｌｅａ@ｅｘａｍｐｌｅ.ｏｒｇ", "LEA@EXAMPLE.ORG", " Lea@example.org ", "ＬＥＡ@example.org",
    ])
    def test_count_against_the_limit_of_the_plain_spelling_on_the_admin_login(
            self, client, clock, limits, typed):
        limits(login_username="2/300", login_ip="100/300")
        data = {"username": "lea@example.org", "password": "x", "next": "/admin/"}
        for n in range(2):
            response = client.post("/admin/login/", data, REMOTE_ADDR=f"198.51.100.{n}")
            assert response.status_code == 200
        response = client.post("/admin/login/", {**data, "username": typed},
                               REMOTE_ADDR="198.51.100.9")
        assert_locked_out(response)

    def test_a_ligature_counts_as_its_letters(self, client, clock, limits):
        limits(login_username="1/300", login_ip="100/300")
        customer_login(client, "fine@example.org")
        assert_locked_out(customer_login(client, "ﬁne@example.org", ip="198.51.100.2"))

    def test_a_fullwidth_spelling_does_sign_in_to_the_same_account(self, client, clock):
        """Why they must share a count: the admin's form normalises them to one account."""
        admin = StaffFactory(email="admin@example.org", is_superuser=True)
        response = client.post("/admin/login/", {"username": "ＡＤＭＩＮ@ｅｘａｍｐｌｅ.ｏｒｇ",
                                                 "password": "motdepasse-123", "next": "/admin/"})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(admin.pk)

    def test_the_key_is_nfkc_case_folded_and_stripped(self):
        assert ratelimit.normalised_username(" ＬＥＡ@Ｅxample.org ") == "lea@example.org"
        assert ratelimit.normalised_username("ﬁne@example.org") == "fine@example.org"
        assert ratelimit.normalised_username("STRASSE") == ratelimit.normalised_username("straße")


class TestPasswordsTypedAgain:
    """A signed-in user's password, checked when they change it or delete their account,
    counts against the same limit as their logins."""

    def test_changing_ones_password_is_limited(self, client, clock, limits):
        limits(login_username="2/300", login_ip="100/300")
        lea = UserFactory(email="lea@example.org")
        client.force_login(lea)
        data = {"old_password": "mauvais", "new_password1": "Un-nouveau-9",
                "new_password2": "Un-nouveau-9"}
        for _n in range(2):
            assert client.post("/accounts/change-password/", data).status_code == 200
        assert_locked_out(client.post("/accounts/change-password/",
                                      {**data, "old_password": "motdepasse-123"}))

    def test_deleting_ones_account_is_limited(self, client, clock, limits):
        limits(login_username="1/300", login_ip="100/300")
        client.force_login(UserFactory(email="lea@example.org"))
        assert client.post("/accounts/profile/delete/", {"password": "x"}).status_code == 200
        assert_locked_out(client.post("/accounts/profile/delete/", {"password": "motdepasse-123"}))

    def test_the_admins_password_change_is_limited(self, client, clock, limits):
        limits(login_username="1/300", login_ip="100/300")
        client.force_login(StaffFactory(email="admin@example.org", is_superuser=True))
        data = {"old_password": "x", "new_password1": "Un-nouveau-9",
                "new_password2": "Un-nouveau-9"}
        assert client.post("/admin/password_change/", data).status_code == 200
        assert_locked_out(client.post("/admin/password_change/", data))


class TestTheSecondStep:
    def test_codes_are_limited_by_user(self, client, clock, limits):
        from tests.twofactor import password_only_login, verified_device

        limits(otp_username="3/300", otp_ip="100/300")
        staff = StaffFactory(email="cora@example.org")
        verified_device(staff)
        password_only_login(client, staff)
        for n in range(3):
            response = client.post("/two-step/code/", {"code": f"00000{n}"},
                                   REMOTE_ADDR=f"198.51.100.{n}")
            assert response.status_code == 200
        assert_locked_out(client.post("/two-step/code/", {"code": "000009"}))

    def test_codes_are_limited_by_address(self, client, clock, limits):
        from tests.twofactor import password_only_login, verified_device

        limits(otp_username="100/300", otp_ip="1/300")
        staff = StaffFactory(email="cora@example.org")
        verified_device(staff)
        password_only_login(client, staff)
        client.post("/two-step/code/", {"code": "000000"})
        assert_locked_out(client.post("/two-step/setup/", {"code": "000000"}))

    def test_the_default_limit_lets_five_codes_through_then_refuses(self, client, clock):
        from tests.twofactor import password_only_login, verified_device

        staff = StaffFactory(email="cora@example.org")
        verified_device(staff)
        password_only_login(client, staff)
        statuses = [client.post("/two-step/code/", {"code": "000000"}).status_code
                    for _n in range(6)]
        assert statuses == [200] * 5 + [429]
