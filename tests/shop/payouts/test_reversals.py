"""A refund takes back from each seller's transfer its part of the refund, once."""

from decimal import Decimal as D

import pytest
from django.db import transaction

from shop.ledger.models import EntryKind, LedgerEntry
from shop.payments import services
from shop.payments.models import SellerFee
from shop.payouts.models import Transfer, TransferReversal
from shop.payouts.services import payouts_retry
from tests.factories import StaffFactory
from tests.integrations.stripe.fake import fixture_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def refund(django_capture_on_commit_callbacks):
    def refund(order, amount):
        with django_capture_on_commit_callbacks(execute=True):
            services.refund_create(order=order, amount=D(amount), user=StaffFactory())

    return refund


def reversal_requests(fake):
    return fake.requests_to("post", r"/v1/transfers/tr_\w+/reversals")


def reversed_by_seller(fake) -> dict:
    """``{seller id: [amounts in cents]}`` of the reversals asked for."""
    amounts = {}
    for request in reversal_requests(fake):
        amounts.setdefault(request.params["metadata"]["seller"], []).append(
            int(request.params["amount"]))
    return {int(seller): cents for seller, cents in amounts.items()}


def seller_rows(order, seller) -> D:
    return sum(LedgerEntry.objects.filter(order=order, seller=seller)
               .values_list("amount", flat=True), D("0.00"))


class TestAPartialRefund:
    def test_reverses_each_sellers_part_of_it(self, accounts, connect_on, pay_by_card, refund,
                                              sellers):
        order, _payload = pay_by_card()
        refund(order, "3.77")
        # 3.77 shared by the sellers' parts of 37.70: book 2.62, tools 1.15
        assert reversed_by_seller(connect_on) == {sellers["bookshop"].pk: [262],
                                                  sellers["tools"].pk: [115]}
        kept = dict(Transfer.objects.values_list("partner__name", "amount_reversed"))
        assert kept == {sellers["bookshop"].name: D("2.62"), sellers["tools"].name: D("1.15")}

    def test_each_reversal_is_keyed_and_answered_as_stripe_does(
            self, accounts, connect_on, pay_by_card, refund):
        order, _payload = pay_by_card()
        refund(order, "3.77")
        for request in reversal_requests(connect_on):
            seller = request.params["metadata"]["seller"]
            assert request.headers["Idempotency-Key"] == f"transfer-reversal-{order.number}-{seller}-1"
            assert request.params["metadata"]["order_number"] == order.number
        answers = [body for resource, body in connect_on.responses
                   if resource == "transfer_reversal"]
        assert len(answers) == 2
        assert all(set(body) == fixture_fields("transfer_reversal") for body in answers)
        transfers = set(Transfer.objects.values_list("stripe_transfer_id", flat=True))
        assert {body["transfer"] for body in answers} == transfers

    def test_with_a_fee_the_seller_gives_back_its_part_less_the_fee_on_it(
            self, accounts, connect_on, pay_by_card, refund, sellers):
        SellerFee.objects.create(partner=sellers["bookshop"], rate=D("0.10"))
        order, _payload = pay_by_card()
        refund(order, "3.77")
        # sent 23.58 (26.20 less 2.62); now owed 23.58 less 10 % of it (2.36): 21.22
        assert reversed_by_seller(connect_on)[sellers["bookshop"].pk] == [236]

    def test_the_seller_then_owes_and_is_owed_nothing_for_the_order(
            self, accounts, connect_on, pay_by_card, refund, sellers):
        order, _payload = pay_by_card()
        refund(order, "3.77")
        assert seller_rows(order, sellers["bookshop"]) == D("0.00")
        assert seller_rows(order, sellers["tools"]) == D("0.00")
        given_back = LedgerEntry.objects.filter(order=order, seller=sellers["tools"],
                                                kind=EntryKind.PAYOUT, amount__gt=0)
        assert list(given_back.values_list("amount", flat=True)) == [D("1.15")]
        assert sum(LedgerEntry.objects.filter(order=order).values_list("amount", flat=True),
                   D("0")) == D("33.93")  # what the client paid less the refund

    def test_two_refunds_make_two_reversals_and_the_whole_is_given_back(
            self, accounts, connect_on, pay_by_card, refund, sellers):
        order, _payload = pay_by_card()
        refund(order, "3.77")
        refund(order, "33.93")
        reversed_ = reversed_by_seller(connect_on)
        assert sum(reversed_[sellers["bookshop"].pk]) == 2620
        assert sum(reversed_[sellers["tools"].pk]) == 1150
        assert TransferReversal.objects.count() == 4
        assert all(t.amount_kept == 0 for t in Transfer.objects.all())


class TestReversalsOnce:
    def test_running_again_reverses_nothing_more(self, accounts, connect_on, pay_by_card,
                                                 refund):
        from shop.payouts.services import order_reversals_make

        order, _payload = pay_by_card()
        refund(order, "3.77")
        order_reversals_make(order_id=order.pk, reference="again")
        assert payouts_retry() == 0
        assert len(reversal_requests(connect_on)) == 2

    def test_a_reversal_stripe_refuses_is_asked_again_by_the_sweep_with_its_key(
            self, accounts, connect_on, pay_by_card, django_capture_on_commit_callbacks,
            sellers):
        order, _payload = pay_by_card()
        connect_on.fail_next("server")  # the first reversal
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            locked = services.order_locked(order)
            services.refund_recorded(order=locked, source=locked.sources.get(),
                                     amount=D("3.77"), reference="re_counter")
        failed = TransferReversal.objects.get(status=TransferReversal.Status.FAILED)
        assert failed.attempts == 1 and failed.reference == "re_counter"

        assert payouts_retry() == 1
        keys = [r.headers["Idempotency-Key"] for r in reversal_requests(connect_on)]
        assert keys.count(failed.idempotency_key) == 2 and len(keys) == 3
        assert set(TransferReversal.objects.values_list("status", flat=True)) == {"succeeded"}
        assert dict(Transfer.objects.values_list("partner_id", "amount_reversed")) == {
            sellers["bookshop"].pk: D("2.62"), sellers["tools"].pk: D("1.15")}
        assert seller_rows(order, failed.transfer.partner) == D("0.00")
