"""A seller's public page: what it does, where and when to find it, its catalogue."""

from django.views.generic import ListView

from . import selectors


class SellerDetailView(ListView):
    template_name = "sellers/detail.html"
    context_object_name = "products"
    paginate_by = 12

    def get_queryset(self):
        self.seller = selectors.public_seller(code=self.kwargs["code"])
        return selectors.products_of(seller=self.seller)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            seller=self.seller, address=self.seller.primary_address, **kwargs)
