from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    """Whether the shop is alive and ready: ``/healthz``, ``/readyz``, the
    worker's heartbeat and the coordinators' dashboard tile."""

    name = "shop.health"
    label = "health"
    verbose_name = _("Health")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from shop.celery import app

        from . import heartbeat

        heartbeat.install(app)
