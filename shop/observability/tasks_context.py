"""The request id follows the work into Celery tasks; failed tasks are counted.

``before_task_publish`` writes the current request id, seller and channel in
the task's headers (a task queued by beat, or by a task with no request, gets
an id of its own); ``task_prerun`` binds them, with the task's name and id,
around the task, and ``task_postrun`` restores what was bound before. A task
run in-process (no broker) keeps the id of the request that queued it.
"""

import logging

from celery import signals

from . import context
from .metrics import TASK_FAILURES

logger = logging.getLogger(__name__)
HEADERS = ("request_id", "seller", "channel")
_tokens: dict[str, object] = {}


def headers_add(sender=None, headers=None, **kwargs):
    if headers is None:
        return
    values = context.current()
    headers.setdefault("request_id", values["request_id"] or context.new_request_id())
    for name in ("seller", "channel"):
        if values[name] is not None:
            headers.setdefault(name, values[name])


def context_bind(task_id=None, task=None, **kwargs):
    request, now = task.request, context.current()
    fields = {name: getattr(request, name, None) or now[name] for name in HEADERS}
    fields["request_id"] = fields["request_id"] or context.new_request_id()
    _tokens[task_id] = context.bind(**fields, task_name=task.name, task_id=task_id)


def context_unbind(task_id=None, **kwargs):
    token = _tokens.pop(task_id, None)
    if token is not None:
        try:
            context.unbind(token)
        except ValueError:  # bound in another context (should not happen): leave it
            logger.debug("Task %s context was bound elsewhere", task_id)


def failure_count(sender=None, task_id=None, **kwargs):
    TASK_FAILURES.labels(task=getattr(sender, "name", "unknown")).inc()


def connect():
    signals.before_task_publish.connect(headers_add, dispatch_uid="observability-headers")
    signals.task_prerun.connect(context_bind, dispatch_uid="observability-prerun")
    signals.task_postrun.connect(context_unbind, dispatch_uid="observability-postrun")
    signals.task_failure.connect(failure_count, dispatch_uid="observability-failure")
