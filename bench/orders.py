"""Orders per second through our pipeline, in-process, bounded in time.

Each order is placed by ``shop.pipeline.place_order`` with explicit lines (a
book and a tool: two sellers, two tax classes), for a registered client, to be
picked up and paid on pick-up: Oscar's strategy, offers, shipping and totals,
Québec taxes, ``OrderCreator``, stock allocation and the confirmation queued
after commit, as for an order taken on the web or by phone.

    python -m bench.orders --seconds 10 --out bench/var/orders.json
"""

import argparse
import json
import random
import sys
import time

import django

MAX_ORDERS = 100_000


def customer():
    from oscar.core.loading import get_model

    User = get_model("accounts", "User")
    client = User._default_manager.filter(email="client@bench.example.org").first()
    return client or User._default_manager.create_user("client@bench.example.org")


def product_pools():
    """The books and the tools of the catalogue, which both track their stock."""
    from oscar.core.loading import get_model

    from bench.catalogue import KINDS, UPC_PREFIX

    Product = get_model("catalogue", "Product")
    products = Product._default_manager.filter(upc__startswith=UPC_PREFIX)
    return [
        list(products.filter(product_class__name=kind.product_class).order_by("pk"))
        for kind in KINDS[:2]
    ]


def place_orders(*, seconds):
    """Place orders until ``seconds`` have passed; return each order's duration."""
    from shop.order.models import Channel, PaymentMethod
    from shop.pipeline import LineRequest, place_order
    from shop.shipping.repository import Fulfilment

    client, pools, rng = customer(), product_pools(), random.Random(7)
    durations = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(durations) < MAX_ORDERS:
        lines = [LineRequest(product=rng.choice(pool), quantity=1) for pool in pools]
        started = time.perf_counter()
        place_order(
            customer=client,
            channel=Channel.WEB,
            fulfilment=Fulfilment.PICKUP,
            payment_method=PaymentMethod.ON_DELIVERY,
            lines=lines,
        )
        durations.append(time.perf_counter() - started)
    return durations


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    django.setup()
    place_orders(seconds=1)  # warm-up: imports, caches, the first connection
    durations = sorted(place_orders(seconds=args.seconds))
    total = sum(durations)
    result = {
        "orders": len(durations),
        "seconds": round(total, 3),
        "per_second": len(durations) / total if total else 0.0,
        "p50_ms": 1000 * durations[len(durations) // 2] if durations else None,
        "p99_ms": 1000 * durations[min(len(durations) - 1, int(len(durations) * 0.99))]
        if durations else None,
        "lines_per_order": 2,
    }
    print(
        "orders: {orders} in {seconds:.1f} s, {per_second:.1f}/s".format(**result), file=sys.stderr
    )
    with open(args.out, "w") as out:
        json.dump(result, out, indent=1)


if __name__ == "__main__":
    main()
