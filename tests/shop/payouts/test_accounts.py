"""Sellers' connected accounts: checked with Stripe from the Django admin."""

import pytest

from shop.payouts.models import SellerStripeAccount
from shop.payouts.services import seller_account_check
from tests.clock import FROZEN_NOW
from tests.factories import StaffFactory
from tests.integrations.stripe.fake import fixture_fields

from .conftest import BOOKSHOP_ACCOUNT

pytestmark = pytest.mark.django_db


class TestCheckingAnAccount:
    def test_records_whether_stripe_lets_it_take_charges_and_payouts(self, accounts, connect_on):
        connect_on.connected_account(BOOKSHOP_ACCOUNT, payouts_enabled=True, charges_enabled=False)
        account = seller_account_check(account=accounts["bookshop"])
        account.refresh_from_db()
        assert (account.payouts_enabled, account.charges_enabled) == (True, False)
        assert abs((account.checked_at - FROZEN_NOW).total_seconds()) < 60
        (request,) = connect_on.requests_to("get", rf"/v1/accounts/{BOOKSHOP_ACCOUNT}")
        ((resource, body),) = connect_on.responses
        assert resource == "account" and set(body) == fixture_fields("account")

    def test_a_coordinator_checks_accounts_from_the_admin(self, accounts, connect_on, client):
        connect_on.connected_account(BOOKSHOP_ACCOUNT, payouts_enabled=True)
        client.force_login(StaffFactory(is_superuser=True))
        response = client.post("/admin/payouts/sellerstripeaccount/", {
            "action": "check_with_stripe", "_selected_action": [accounts["bookshop"].pk],
        }, follow=True)
        assert response.status_code == 200
        assert "1 compte vérifié" in response.content.decode()
        assert SellerStripeAccount.objects.get(pk=accounts["bookshop"].pk).payouts_enabled

    def test_an_account_stripe_does_not_know_is_said_so_and_left_as_it_was(
            self, accounts, connect_on, client):
        client.force_login(StaffFactory(is_superuser=True))
        response = client.post("/admin/payouts/sellerstripeaccount/", {
            "action": "check_with_stripe", "_selected_action": [accounts["tools"].pk],
        }, follow=True)
        assert "pas pu être vérifié" in response.content.decode()
        assert SellerStripeAccount.objects.get(pk=accounts["tools"].pk).checked_at is None
