"""Orders placed at the same moment: each seller's invoice numbers still run 1..N, no gap."""

import threading

import pytest
from django.db import connection

from shop.invoices.models import Invoice, InvoiceKind
from tests.concurrency import postgresql_only
from tests.factories import UserFactory, product_for

from .conftest import place

ORDERS, THREADS = 100, 25  # 25 connections at once, each placing 4 orders in a row


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_hundred_orders_placed_at_once_get_numbers_1_to_100_for_each_seller(sellers):
    pairs = [(product_for(sellers["bookshop"], title=f"Livre {n}", price="12.00"),
              product_for(sellers["tools"], title=f"Outil {n}", price="8.00"))
             for n in range(ORDERS)]
    customers = [UserFactory() for _ in range(ORDERS)]
    barrier, errors = threading.Barrier(THREADS), []

    def run(worker):
        try:
            barrier.wait(timeout=60)
            for n in range(worker, ORDERS, THREADS):
                place(list(pairs[n]), customer=customers[n])
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(worker,)) for worker in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert errors == []
    for seller in sellers.values():
        numbers = sorted(Invoice.objects.filter(seller=seller, kind=InvoiceKind.INVOICE)
                         .values_list("number", flat=True))
        assert numbers == list(range(1, ORDERS + 1)), seller.name
