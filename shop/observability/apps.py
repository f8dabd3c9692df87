from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservabilityConfig(AppConfig):
    """Logs that tell a story (JSON lines with a request id that follows the
    work into Celery, personal data masked), error reports (Sentry, when
    ``SENTRY_DSN`` is set) and Prometheus metrics behind a token."""

    name = "shop.observability"
    label = "observability"
    verbose_name = _("Observability")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        super().ready()
        from . import errors, logs, receivers, tasks_context

        logs.install_record_factory()
        tasks_context.connect()
        receivers.connect()
        errors.sentry_init()
