from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "nearby"
urlpatterns = [
    # Translators: the page's address; French first (/pres-de-chez-moi/), /en/near-me/ in English.
    path(_("near-me/"), views.NearbySearchView.as_view(), name="search"),
]
