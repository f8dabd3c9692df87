"""Beat's tick: sent every minute so that beat's last run can be seen (shop.health.heartbeat)."""

from celery import shared_task


@shared_task(name="shop.health.tasks.beat_tick", ignore_result=True)
def beat_tick() -> None:
    """Nothing to do: beat records the tick when it sends it."""
