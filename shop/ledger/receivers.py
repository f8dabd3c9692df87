"""The ledger listens to payments: each payment and refund recorded is written to it.

``order_paid`` and ``order_refunded`` (``shop.payments.signals``) are sent
inside the transaction that records the money, with the order locked, so the
ledger's rows commit or roll back with it. Pay-later orders (on delivery,
monthly invoice) are written when staff record the payment received, as the
settlement report always counted them: they announce ``order_paid`` then.
A refund Stripe fails after it succeeded is recorded by payments as an
order ``PaymentEvent`` named "Refund failed" (no signal of its own): the
ledger gives the sellers their part back when that row is written.
"""


def on_order_paid(sender, order, amount, reference, **kwargs):
    from shop.ledger.services import ledger_order_paid

    ledger_order_paid(order=order, amount=amount, reference=reference)


def on_order_refunded(sender, order, amount, reference, **kwargs):
    from shop.ledger.services import ledger_order_refunded

    ledger_order_refunded(order=order, amount=amount, reference=reference)


def on_payment_event_saved(sender, instance, created, **kwargs):
    from shop.ledger.services import ledger_refund_failed
    from shop.payments.services import EventName

    if created and instance.event_type.name == EventName.REFUND_FAILED:
        ledger_refund_failed(order=instance.order, amount=instance.amount,
                             reference=instance.reference)


def connect():
    from django.db.models.signals import post_save
    from oscar.core.loading import get_model

    from shop.payments.signals import order_paid, order_refunded

    post_save.connect(on_payment_event_saved, sender=get_model("order", "PaymentEvent"),
                      dispatch_uid="ledger-refund-failed")
    order_paid.connect(on_order_paid, dispatch_uid="ledger-order-paid")
    order_refunded.connect(on_order_refunded, dispatch_uid="ledger-order-refunded")
