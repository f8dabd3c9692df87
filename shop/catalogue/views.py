"""The product page: served whole from the cache to first-time visitors.

Everything else is Oscar's view: the same redirects, the same 404 for a
product that is not public, the same ``product_viewed`` signal (view counts,
recently viewed history) on every visit, cached or not.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from oscar.apps.catalogue import views as oscar_views
from oscar.apps.catalogue.views import *  # noqa: F401,F403
from oscar.core.loading import get_model

from shop import clock
from shop.basket.selectors import products_to_add
from shop.catalogue.cache import cached_page, whole_page_cacheable


class ProductDetailView(oscar_views.ProductDetailView):
    def get_queryset(self):
        """The product with what its page prices and shows, read once: its class,
        whether it takes options, its stock records and sellers, its pictures and
        its attributes."""
        values = get_model("catalogue", "ProductAttributeValue")._default_manager
        return products_to_add().prefetch_related("images", Prefetch(
            "attribute_values", queryset=values.select_related("attribute", "value_option")))

    def get(self, request, *args, **kwargs):
        if not whole_page_cacheable(request):
            return super().get(request, *args, **kwargs)
        self.object = product = self.get_object()
        if redirect_to := self.redirect_if_necessary(request.path, product):
            return redirect_to
        if not self.is_viewable(product, request):
            raise Http404()

        def render():
            page = self.render_to_response(self.get_context_data(object=product))
            return page.render().content.decode()

        history = request.COOKIES.get(settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME)
        html = cached_page(request, "product-page-whole", [product.pk, history, clock.today()],
                           render)
        response = HttpResponse(html)
        self.send_signal(request, response, product)
        return response
