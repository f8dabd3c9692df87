"""SQL queries per page, counted in-process with Django's test client.

Run with either shop's settings, after ``bench.catalogue load``: each page is
requested once to warm the caches a running server would have warm (site,
content types, thumbnails), then once more by a new visitor with no cookies,
as the load generator's requests are, inside ``CaptureQueriesContext``: first
rendered afresh, then (--cached, our shop) from the catalogue's page cache.

    python -m bench.queries --label 100 --out bench/var/queries-ours-100.json
"""

import argparse
import json
import sys

import django

PAGES = ("home", "catalogue", "category", "product", "basket_add")


def count_queries(target, *, cached):
    """``(queries, status)`` of one request of a visitor with no cookies.

    ``cached``: the page's parts are in the catalogue's page cache, as after
    any earlier visit; otherwise the page is rendered afresh, as the first
    visit after a change to the catalogue is.
    """
    from django.apps import apps
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    method, path, data = target
    getattr(Client(), method)(path, data)
    if not cached and apps.is_installed("shop.catalogue"):  # stock Oscar has no page cache
        from shop.catalogue.cache import bump_catalogue_version

        bump_catalogue_version()
    with CaptureQueriesContext(connection) as queries:
        response = getattr(Client(), method)(path, data)
    return len(queries), response.status_code


def page_requests():
    from bench.catalogue import targets

    found = targets()
    requests = {page: ("get", found[page], None) for page in PAGES if page != "basket_add"}
    requests["basket_add"] = ("post", found["basket_add"][0], {"quantity": 1})
    return requests


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True, help="the catalogue size, for the report")
    parser.add_argument("--out", required=True)
    parser.add_argument("--cached", action="store_true",
                        help="also count each page served from the catalogue's page cache")
    args = parser.parse_args(argv)
    django.setup()
    from oscar.core.loading import get_model

    results = {}
    for page, target in page_requests().items():
        queries, status = count_queries(target, cached=False)
        results[page] = {"queries": queries, "status": status}
        if args.cached:
            results[page]["queries_cached"] = count_queries(target, cached=True)[0]
        print(f"queries @{args.label}: {page:<10} {queries:>4} (HTTP {status})"
              + (f", {results[page]['queries_cached']} from the page cache" if args.cached else ""),
              file=sys.stderr)
    products = get_model("catalogue", "Product")._default_manager.count()
    with open(args.out, "w") as out:
        json.dump({"label": args.label, "products": products, "pages": results}, out, indent=1)


if __name__ == "__main__":
    main()
