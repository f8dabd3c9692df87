from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from shop.ratelimit import (
    account_limited,
    checkout_limited,
    login_limited,
    password_check_limited,
    password_reset_limited,
    registration_limited,
)

urlpatterns = [
    # For the machines that watch the shop: health checks and metrics.
    path("", include("shop.health.urls")),
    path("", include("shop.observability.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/login/", login_limited(admin.site.login)),  # attempts limited, as below
    path("admin/password_change/", password_check_limited(
        admin.site.admin_view(admin.site.password_change, cacheable=True))),
    path("admin/", admin.site.urls),
    # Each app's own pages and webhooks; the language comes from the visitor's choice.
    path("payments/", include("shop.payments.urls")),
    path("rentals/", include("shop.rentals.urls")),
    path("notifications/", include("shop.notifications.urls")),
    path("services/", include("services.urls")),
    path("phone/", include("phone_orders.urls")),
    path("reports/", include("shop.reports.urls")),
    path("two-step/", include("shop.twofactor.urls")),  # staff's second step (shop/twofactor)
]
customer, dashboard = apps.get_app_config("customer"), apps.get_app_config("dashboard")
checkout = apps.get_app_config("checkout")
oscar_password_reset = next(pattern.callback for pattern in apps.get_app_config("oscar").urls[0]
                            if getattr(pattern, "name", None) == "password-reset")
urlpatterns += i18n_patterns(
    # Oscar's own login and registration views, with attempts limited (shop/ratelimit.py);
    # the same paths as Oscar's, so its URL names still lead here.
    path("accounts/login/", account_limited(customer.login_view.as_view())),
    path("accounts/register/", registration_limited(customer.register_view.as_view())),
    path("dashboard/login/", login_limited(dashboard.login_view.as_view())),
    # Every other form that checks a password: the checkout's "returning customer"
    # sign-in, and a signed-in user's own password typed again.
    path("checkout/", checkout_limited(checkout.index_view.as_view())),
    path("accounts/change-password/",
         password_check_limited(login_required(customer.change_password_view.as_view()))),
    path("accounts/profile/delete/",
         password_check_limited(login_required(customer.profile_delete_view.as_view()))),
    path("password-reset/", password_reset_limited(oscar_password_reset)),
    path("", include("shop.nearby.urls")),
    path("", include("shop.home.urls")),  # the home page, "/" (Oscar's "home" only redirects)
    path("", include("shop.sellers.urls")),  # sellers' public pages
    path("", include("shop.people.urls")),  # "Mon compte", privacy, people's records
    path("", include("shop.invoices.urls")),  # invoices and credit notes as PDF
    path("", include("shop.statements.urls")),  # monthly statements
    path("", include("shop.balance.urls")),  # prepaid balance
    path("", include("shop.ledger.urls")),  # accounting export
    path("", include("shop.payouts.urls")),  # payouts to sellers
    path("", include("drivers.urls")),  # volunteer drivers' routes
    path("", include(apps.get_app_config("oscar").urls[0])),
    prefix_default_language=False,
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
