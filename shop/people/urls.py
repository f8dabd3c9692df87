from django.apps import apps

from . import urls_account, urls_linking, urls_privacy

app_name = "people"
urlpatterns = [*urls_account.urlpatterns, *urls_linking.urlpatterns, *urls_privacy.urlpatterns]

# Each page opens to whom the app's permissions_map says (shop.staff_pages).
urlpatterns = apps.get_app_config("people").post_process_urls(urlpatterns)
