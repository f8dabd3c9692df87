"""Gunicorn's settings, read from the folder it starts in (the image's /app).

With PROMETHEUS_MULTIPROC_DIR set, the workers share their metrics through
files in that folder; a worker that exits must be marked dead so its gauges
stop counting (prometheus_client's multiprocess mode).
"""

import os


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
