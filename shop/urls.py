from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Each app's own pages and webhooks; the language comes from the visitor's choice.
    path("payments/", include("shop.payments.urls")),
    path("rentals/", include("shop.rentals.urls")),
    path("notifications/", include("shop.notifications.urls")),
    path("services/", include("services.urls")),
    path("phone/", include("phone_orders.urls")),
]
urlpatterns += i18n_patterns(
    path("", include(apps.get_app_config("oscar").urls[0])),
    prefix_default_language=False,
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
