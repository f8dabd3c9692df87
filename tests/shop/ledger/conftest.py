"""The payments tests' orders and Stripe's fake, for the ledger's tests."""

from tests.shop.payments.conftest import (  # noqa: F401
    book_and_rental,
    post_event,
    stripe_on,
    tasks_inline,
    webhook_secret,
)
