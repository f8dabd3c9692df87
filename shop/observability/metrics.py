"""The shop's Prometheus metrics (prometheus_client).

Counters and the latency histogram live in each process; with several gunicorn
workers, ``PROMETHEUS_MULTIPROC_DIR`` makes them shared files that
``registry_for_scrape`` adds up. The outbox gauges are read from the database
at scrape time, one query each.
"""

import os

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

HTTP_REQUESTS = Counter(
    "comptoir_http_requests", "HTTP requests answered, by method, view and status.",
    ["method", "view", "status"],
)
HTTP_LATENCY = Histogram(
    "comptoir_http_request_duration_seconds", "Time to answer an HTTP request, by method and view.",
    ["method", "view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
ORDERS_PLACED = Counter("comptoir_orders_placed", "Orders placed, by channel.", ["channel"])
WEBHOOKS = Counter(
    "comptoir_webhooks", "Webhooks received, by provider and outcome "
    "(accepted, duplicate, refused_signature, rate_limited, error).", ["provider", "outcome"],
)
TASK_FAILURES = Counter("comptoir_task_failures", "Celery tasks that failed, by task.", ["task"])


class OutboxCollector:
    """Outbox depth (queued and due) and failed messages, by channel."""

    def collect(self):
        from . import selectors

        due = GaugeMetricFamily("comptoir_outbox_due", "Outbox messages queued and due, by channel.",
                                labels=["channel"])
        for channel, count in selectors.outbox_due_by_channel().items():
            due.add_metric([channel], count)
        failed = GaugeMetricFamily("comptoir_outbox_failed", "Outbox messages that failed, by channel.",
                                   labels=["channel"])
        for channel, count in selectors.outbox_failed_by_channel().items():
            failed.add_metric([channel], count)
        return [due, failed]


def exposition() -> bytes:
    """The text Prometheus reads: this process's (or every worker's) metrics and the outbox."""
    outbox = CollectorRegistry(auto_describe=False)
    outbox.register(OutboxCollector())
    return generate_latest(_process_registry()) + generate_latest(outbox)


def _process_registry():
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry
