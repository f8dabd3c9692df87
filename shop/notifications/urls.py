from django.apps import apps
from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("outbox/", views.OutboxListView.as_view(), name="outbox"),
    path("outbox/<int:pk>/retry/", views.outbox_message_retry_view, name="outbox-retry"),
    path("outbox/send-due/", views.outbox_send_due_view, name="outbox-send-due"),
    path("sms/status/", views.sms_status_callback_view, name="sms-status"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("notifications").post_process_urls(urlpatterns)
