from django.apps import apps
from django.urls import path

from .views import public, staff

app_name = "services"
urlpatterns = [
    # Staff: coordinators and the meal service's staff.
    path("", staff.ServicesHomeView.as_view(), name="home"),
    path("queue/", staff.RegistrationQueueView.as_view(), name="queue"),
    path("registrations/new/", staff.RegistrationCreateView.as_view(), name="registration-create"),
    path("registrations/<int:pk>/", staff.RegistrationDetailView.as_view(),
         name="registration-detail"),
    path("registrations/<int:pk>/<slug:action>/", staff.RegistrationActionView.as_view(),
         name="registration-action"),
    path("deliveries/<int:pk>/skip/", staff.DeliverySkipView.as_view(), name="delivery-skip"),
    path("deliveries/<int:pk>/outcome/", staff.StopOutcomeView.as_view(), name="stop-outcome"),
    path("clients/<int:pk>/", staff.ClientDetailView.as_view(), name="client-detail"),
    path("clients/<int:pk>/edit/", staff.ClientUpdateView.as_view(), name="client-update"),
    path("follow-ups/<int:pk>/close/", staff.FollowUpCloseView.as_view(), name="follow-up-close"),
    path("programs/<int:program_pk>/counts/<str:day>/", staff.ProductionCountsView.as_view(),
         name="production-counts"),
    path("programs/<int:program_pk>/routes/<str:day>/", staff.RouteSheetsView.as_view(),
         name="route-sheets"),
    path("programs/<int:program_pk>/billing/", staff.BillingView.as_view(), name="billing"),
    path("routes/<int:pk>/", staff.RouteDetailView.as_view(), name="route-detail"),
    # The public: online registration, one short step at a time.
    path("register/<slug:slug>/", public.OnlineRegistrationView.as_view(), name="register"),
    path("register/<slug:slug>/done/", public.OnlineRegistrationDoneView.as_view(),
         name="register-done"),
    path("register/<slug:slug>/<slug:step>/", public.OnlineRegistrationView.as_view(),
         name="register-step"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("services").post_process_urls(urlpatterns)
