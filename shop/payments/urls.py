from django.apps import apps
from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("webhooks/stripe/", views.StripeWebhookView.as_view(), name="stripe-webhook"),
    path("order/<str:number>/<str:hash>/", views.OrderPayView.as_view(), name="order-pay"),
    path("dashboard/orders/<str:number>/record-payment/", views.OrderPaymentRecordView.as_view(),
         name="dashboard-payment-record"),
    path("dashboard/orders/<str:number>/refund/", views.OrderRefundCreateView.as_view(),
         name="dashboard-refund-create"),
    path("dashboard/orders/<str:number>/payment-link/", views.OrderPaymentLinkSendView.as_view(),
         name="dashboard-payment-link-send"),
    path("dashboard/settlements/", views.SettlementReportView.as_view(),
         name="dashboard-settlement"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("payments").post_process_urls(urlpatterns)
