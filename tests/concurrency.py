"""Requests sent at the same moment from several threads, each with its own connection.

Only PostgreSQL can show a race honestly: SQLite serialises writers with a
lock on the whole database, so concurrent write transactions fail with
"database is locked" instead of racing. ``postgresql_only`` skips there.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite locks the whole database for a writer: no real concurrency to test",
)


def at_once(count: int, request):
    """Call ``request(client)`` from ``count`` threads released together; their responses."""
    barrier = threading.Barrier(count)
    responses = [None] * count

    def run(index):
        client = Client(raise_request_exception=False)
        try:
            barrier.wait(timeout=30)
            responses[index] = request(client)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return responses
