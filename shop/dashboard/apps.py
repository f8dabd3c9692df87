import oscar.apps.dashboard.apps as apps
from django.db.models.signals import post_delete, post_save


class DashboardConfig(apps.DashboardConfig):
    name = 'shop.dashboard'

    def ready(self):
        super().ready()
        from oscar.core.loading import get_model

        from shop.dashboard.selectors import forget_all_time_figures

        for model in (get_model("order", "Order"), get_model("order", "Line")):
            for signal in (post_save, post_delete):
                signal.connect(forget_all_time_figures, sender=model,
                               dispatch_uid=f"dashboard-all-time-{model.__name__}-{signal}")
