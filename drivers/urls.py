from django.apps import apps
from django.urls import path

from .views import driver, staff

app_name = "drivers"
urlpatterns = [
    path("tournee/sw.js", driver.service_worker, name="service-worker"),
    path("tournee/<str:token>/", driver.route_page, name="route-page"),
    path("tournee/<str:token>/resultats/", driver.results, name="results"),
    path("benevoles/", staff.DayView.as_view(), name="day"),
    path("benevoles/tournees/<int:pk>/", staff.RouteView.as_view(), name="route"),
    path("benevoles/volontaires/", staff.VolunteerListView.as_view(), name="volunteers"),
]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("drivers").post_process_urls(urlpatterns)
