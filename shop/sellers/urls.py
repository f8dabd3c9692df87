from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    # Translators: a seller's page address; French first (/vendeurs/<code>/), /en/sellers/<code>/.
    path(_("sellers/<slug:code>/"), views.SellerDetailView.as_view(), name="seller-detail"),
]
