"""Stripe Connect switched on, sellers with connected accounts, two-seller card orders
paid through Stripe's webhook, and the payout tasks run in the thread that queued them."""

import pytest

from shop.payouts.models import SellerStripeAccount
from tests.integrations.stripe.fake import event
from tests.shop.payments.conftest import (  # noqa: F401
    book_and_rental,
    place_card_order,
    post_event,
    stripe_on,
    tasks_inline,
    webhook_secret,
)

BOOKSHOP_ACCOUNT, TOOLS_ACCOUNT = "acct_1BookshopQuartier", "acct_1ToolsRosemont"


@pytest.fixture
def payout_tasks_inline(monkeypatch):
    """Queued payout tasks run at once (still after commit), with or without a broker."""
    from shop.payouts import tasks

    for task in (tasks.order_transfers, tasks.order_transfer_reversals):
        monkeypatch.setattr(task, "delay", lambda *args, task=task: task.apply(args=args))


@pytest.fixture
def connect_on(stripe_on, settings, payout_tasks_inline):  # noqa: F811
    """Cards and Stripe Connect on; the fake Stripe, as ``stripe_on``."""
    settings.STRIPE_CONNECT_ENABLED = True
    return stripe_on


@pytest.fixture
def accounts(sellers, connect_on):
    """Both sellers have a connected account."""
    return {
        "bookshop": SellerStripeAccount.objects.create(partner=sellers["bookshop"],
                                                       account_id=BOOKSHOP_ACCOUNT),
        "tools": SellerStripeAccount.objects.create(partner=sellers["tools"],
                                                    account_id=TOOLS_ACCOUNT),
    }


@pytest.fixture
def pay_by_card(stripe_on, book_and_rental, post_event):  # noqa: F811
    """``pay()``: a book (26.20 with GST) and a drill rental (11.50) paid by card, 37.70."""

    def pay(*, stripe_fails: bool = False):
        order, intent = place_card_order(book_and_rental)
        payload = event("payment_intent.succeeded", stripe_on.succeed(intent.id))
        if stripe_fails:  # the next call to Stripe (the first transfer) cannot reach it
            stripe_on.fail_next("connection")
        post_event(payload)
        return order, payload

    return pay
