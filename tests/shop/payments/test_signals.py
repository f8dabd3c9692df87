"""Payments announce money received and returned; the apps that care listen.

Payments imports none of them: tool bookings become firm because the rentals
app listens to ``order_paid`` (the booking tests cover that end to end).
"""

import ast
from decimal import Decimal as D
from pathlib import Path

import pytest

from shop.order.models import PaymentMethod
from shop.order.statuses import OrderStatus
from shop.payments import services
from shop.payments.signals import order_paid, order_refunded
from tests.shop.payments.conftest import place

pytestmark = pytest.mark.django_db
PAYMENTS = Path(__file__).resolve().parents[3] / "shop" / "payments"


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_payments_app_imports_no_app_that_acts_on_payments():
    listeners = ("shop.rentals", "services", "phone_orders")
    offenders = {
        str(path.relative_to(PAYMENTS)): sorted(name for name in imported_modules(path)
                                                if name.startswith(listeners))
        for path in PAYMENTS.rglob("*.py") if "migrations" not in path.parts
    }
    assert {path: names for path, names in offenders.items() if names} == {}


class Recorder:
    def __init__(self, signal):
        self.calls = []
        self.signal = signal

    def __call__(self, sender, **kwargs):
        self.calls.append(kwargs)

    def __enter__(self):
        self.signal.connect(self, dispatch_uid=f"test-recorder-{id(self)}")
        return self

    def __exit__(self, *exc):
        self.signal.disconnect(dispatch_uid=f"test-recorder-{id(self)}")


def test_a_payment_received_is_announced_once_per_reference(book_and_rental):
    order = place(book_and_rental, payment_method=PaymentMethod.PAYMENT_LINK)
    source = order.sources.get()
    with Recorder(order_paid) as paid:
        assert services.payment_received(order=order, source=source, amount=D("37.70"),
                                         reference="pi_1")
        assert not services.payment_received(order=order, source=source, amount=D("37.70"),
                                             reference="pi_1")

    assert [(call["order"].number, call["amount"], call["reference"]) for call in paid.calls] == [
        (order.number, D("37.70"), "pi_1")]
    order.refresh_from_db()
    assert order.status == OrderStatus.TO_PREPARE


def test_a_refund_recorded_is_announced(book_and_rental):
    order = place(book_and_rental, payment_method=PaymentMethod.PAYMENT_LINK)
    source = order.sources.get()
    services.payment_received(order=order, source=source, amount=D("37.70"), reference="pi_2")
    with Recorder(order_refunded) as refunded:
        services.refund_recorded(order=order, source=source, amount=D("10.00"), reference="re_1")

    assert [(call["amount"], call["reference"]) for call in refunded.calls] == [
        (D("10.00"), "re_1")]
