"""Invoices listen to orders and refunds: each order placed is invoiced, each refund credited.

Oscar's ``order_placed`` is sent inside the pipeline's transaction, so the
numbers are taken, and given back, with the order. ``order_refunded``
(``shop.payments.signals``) is sent after the ledger wrote the refund's rows,
which give the credit notes their amounts.
"""


def invoices_on_order_placed(sender, order, **kwargs):
    from shop.invoices.services import invoices_issue

    invoices_issue(order=order)


def credit_notes_on_order_refunded(sender, order, amount, reference, **kwargs):
    from shop.invoices.services import credit_notes_issue

    credit_notes_issue(order=order, reference=reference)


def connect():
    from oscar.apps.order.signals import order_placed

    from shop.payments.signals import order_refunded

    order_placed.connect(invoices_on_order_placed, dispatch_uid="invoices-order-placed")
    order_refunded.connect(credit_notes_on_order_refunded, dispatch_uid="invoices-order-refunded")
