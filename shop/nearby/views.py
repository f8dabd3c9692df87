"""The public "near me" page: a postal code in, what serves it out; a GET form, so shareable."""

from django.conf import settings
from django.views.generic import TemplateView

from shop.notifications.phones import national

from .forms import PostalCodeSearchForm
from .selectors import what_serves


class NearbySearchView(TemplateView):
    template_name = "nearby/search.html"

    def get_context_data(self, **kwargs):
        submitted = "postal_code" in self.request.GET
        form = PostalCodeSearchForm(self.request.GET if submitted else None)
        result = what_serves(postal_code=form.cleaned_data["postal_code"]) if form.is_valid() else None
        return super().get_context_data(
            form=form,
            result=result,
            shop_phone=settings.SHOP_PHONE_NUMBER,
            shop_phone_display=national(settings.SHOP_PHONE_NUMBER),
            **kwargs,
        )
