from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "shop.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_sync_coordinators, dispatch_uid="accounts-coordinators")


def _sync_coordinators(sender, **kwargs):
    """After the last app's permissions exist, give them all to coordinators."""
    from django.apps import apps

    from .services import coordinator_group_sync

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        coordinator_group_sync()
