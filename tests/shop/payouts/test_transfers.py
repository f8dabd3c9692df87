"""A paid card order is transferred to each seller's Stripe account, once, and written
to the seller ledger."""

from decimal import Decimal as D

import pytest

from shop.ledger.models import EntryKind, LedgerEntry
from shop.order.models import PaymentMethod
from shop.payments import services
from shop.payments.models import SellerFee
from shop.payouts.models import Transfer
from shop.payouts.services import payouts_retry
from tests.factories import StaffFactory
from tests.integrations.stripe.fake import fixture_fields
from tests.shop.payments.conftest import place

from .conftest import BOOKSHOP_ACCOUNT, TOOLS_ACCOUNT

pytestmark = pytest.mark.django_db

TRANSFERS = r"/v1/transfers"


def transfer_requests(fake):
    return fake.requests_to("post", TRANSFERS)


def sent(fake) -> dict:
    """``{idempotency key: (destination, amount in cents)}`` of the transfers asked for."""
    return {r.headers["Idempotency-Key"]: (r.params["destination"], int(r.params["amount"]))
            for r in transfer_requests(fake)}


def seller_rows(order, seller) -> D:
    return sum(LedgerEntry.objects.filter(order=order, seller=seller)
               .values_list("amount", flat=True), D("0.00"))


def order_rows(order) -> D:
    return sum(LedgerEntry.objects.filter(order=order).values_list("amount", flat=True), D("0"))


class TestAPaidTwoSellerOrder:
    def test_makes_one_transfer_per_seller_keyed_by_order_and_seller(
            self, accounts, connect_on, pay_by_card, sellers):
        order, _payload = pay_by_card()
        book, tools = sellers["bookshop"].pk, sellers["tools"].pk
        assert sent(connect_on) == {
            f"transfer-{order.number}-{book}": (BOOKSHOP_ACCOUNT, 2620),
            f"transfer-{order.number}-{tools}": (TOOLS_ACCOUNT, 1150),
        }
        assert set(Transfer.objects.values_list("status", flat=True)) == {"succeeded"}

    def test_each_request_is_what_stripe_expects(self, accounts, connect_on, pay_by_card):
        order, _payload = pay_by_card()
        charge = connect_on.objects[order.sources.get().reference]["latest_charge"]
        for request in transfer_requests(connect_on):
            assert request.params["currency"] == "cad"
            assert request.params["transfer_group"] == f"order-{order.number}"
            assert request.params["source_transaction"] == charge
            assert request.params["metadata"]["order_number"] == order.number
        answers = [body for resource, body in connect_on.responses if resource == "transfer"]
        assert len(answers) == 2
        assert all(set(body) == fixture_fields("transfer") for body in answers)
        assert {t.stripe_transfer_id for t in Transfer.objects.all()} == {b["id"] for b in answers}

    def test_the_webhook_delivered_twice_still_makes_two_transfers(
            self, accounts, connect_on, pay_by_card, post_event):
        _order, payload = pay_by_card()
        post_event(payload)
        assert len(transfer_requests(connect_on)) == 2
        assert Transfer.objects.count() == 2

    def test_the_cooperatives_fee_is_kept_back(self, accounts, connect_on, pay_by_card, sellers):
        SellerFee.objects.create(partner=sellers["bookshop"], rate=D("0.10"))
        SellerFee.objects.create(partner=sellers["tools"], rate=D("0.05"))
        order, _payload = pay_by_card()
        # 26.20 less 10 % (2.62); 11.50 less 5 % (0.575, rounded up to 0.58)
        assert sorted(amount for _dest, amount in sent(connect_on).values()) == [1092, 2358]

    def test_leaves_each_seller_owed_nothing_for_the_order_in_the_ledger(
            self, accounts, connect_on, pay_by_card, sellers):
        order, _payload = pay_by_card()
        assert seller_rows(order, sellers["bookshop"]) == D("0.00")
        assert seller_rows(order, sellers["tools"]) == D("0.00")
        payouts = dict(LedgerEntry.objects.filter(order=order, kind=EntryKind.PAYOUT,
                                                  seller__isnull=False)
                       .values_list("seller__name", "amount"))
        assert payouts == {sellers["bookshop"].name: D("-26.20"), sellers["tools"].name: D("-11.50")}
        assert order_rows(order) == D("37.70")  # the payout pairs add up to zero
        assert LedgerEntry.objects.filter(
            key=f"payout:{order.number}:{sellers['bookshop'].pk}").exists()


class TestNoTransfer:
    def test_when_connect_is_off(self, accounts, connect_on, pay_by_card, settings):
        settings.STRIPE_CONNECT_ENABLED = False
        pay_by_card()
        assert transfer_requests(connect_on) == [] and not Transfer.objects.exists()

    def test_for_a_seller_without_an_account_while_the_other_is_paid(
            self, accounts, connect_on, pay_by_card, sellers):
        accounts["tools"].delete()
        order, _payload = pay_by_card()
        assert sent(connect_on) == {
            f"transfer-{order.number}-{sellers['bookshop'].pk}": (BOOKSHOP_ACCOUNT, 2620)}
        assert seller_rows(order, sellers["tools"]) == D("11.50")  # still owed, by other means

    def test_for_cash_paid_at_the_counter(self, accounts, connect_on, book_and_rental,
                                          django_capture_on_commit_callbacks):
        order = place(book_and_rental, payment_method=PaymentMethod.ON_DELIVERY)
        with django_capture_on_commit_callbacks(execute=True):
            services.manual_payment_record(order=order, amount=D("37.70"), method="cash",
                                           user=StaffFactory())
        assert payouts_retry() == 0
        assert transfer_requests(connect_on) == [] and not Transfer.objects.exists()


class TestWhenStripeFails:
    def test_the_transfer_is_failed_then_retried_by_the_sweep_with_the_same_key(
            self, accounts, connect_on, pay_by_card, sellers):
        order, _payload = pay_by_card(stripe_fails=True)
        failed = Transfer.objects.get(status=Transfer.Status.FAILED)
        assert failed.attempts == 1 and Transfer.objects.filter(status="succeeded").count() == 1
        assert not LedgerEntry.objects.filter(order=order, seller=failed.partner,
                                              kind=EntryKind.PAYOUT).exists()

        assert payouts_retry() == 1
        keys = [r.headers["Idempotency-Key"] for r in transfer_requests(connect_on)]
        assert sorted(keys) == sorted([failed.idempotency_key, *set(keys)])  # one asked twice
        assert set(Transfer.objects.values_list("status", flat=True)) == {"succeeded"}
        assert len([o for o in connect_on.objects.values() if o["object"] == "transfer"]) == 2
        assert seller_rows(order, failed.partner) == D("0.00")
        assert payouts_retry() == 0  # nothing left to do

    def test_an_answer_lost_is_asked_again_and_stripe_makes_the_transfer_once(
            self, accounts, connect_on, pay_by_card, monkeypatch, clock):
        from shop.payouts import services as payout_services

        real = payout_services._ledger_pair
        calls = []

        def crash_once(**kwargs):
            calls.append(kwargs["key"])
            if len(calls) == 1:
                raise RuntimeError("the worker died after Stripe answered")
            return real(**kwargs)

        monkeypatch.setattr(payout_services, "_ledger_pair", crash_once)
        order, _payload = pay_by_card()
        # the first was answered by Stripe, not recorded; the second never asked
        assert Transfer.objects.filter(status=Transfer.Status.REQUESTED).count() == 2
        assert len(transfer_requests(connect_on)) == 1
        assert payouts_retry() == 0  # asked a moment ago: perhaps still being answered
        clock.shift(11 * 60)
        assert payouts_retry() == 1
        assert len(transfer_requests(connect_on)) == 3
        assert len([o for o in connect_on.objects.values() if o["object"] == "transfer"]) == 2
        assert set(Transfer.objects.values_list("status", flat=True)) == {"succeeded"}
        assert order_rows(order) == D("37.70")

    def test_a_request_older_than_stripe_keeps_its_key_is_left_to_a_coordinator(
            self, accounts, connect_on, pay_by_card, clock):
        pay_by_card(stripe_fails=True)
        clock.shift(24 * 3600)  # Stripe forgets idempotency keys after a day
        assert payouts_retry() == 0
        assert len(transfer_requests(connect_on)) == 2
        assert Transfer.objects.filter(status=Transfer.Status.FAILED).count() == 1
