"""Dashboard catalogue views, closing the gaps Oscar leaves for seller staff.

Oscar already lists, edits and deletes only the products a seller stocks
(``PartnerProductFilterMixin``) and edits only that seller's stock records.
Here: a product another seller also stocks cannot be deleted by seller staff
(deleting it would delete the other seller's stock records), a variant can only
be added under a parent product the seller may see, the product lookup and
stock alerts are limited to the seller's products and stock records. Which
sellers a user serves is the access policy's (``shop.access``, also through
``utils.partner_product_visibility_q``). Views not redefined here are Oscar's.
"""

from django.db.models import Q
from django.http import Http404
from oscar.apps.dashboard.catalogue import views as oscar_views
from oscar.apps.dashboard.catalogue.views import *  # noqa: F401,F403

from shop import access
from shop.dashboard.catalogue.utils import partner_product_visibility_q


def stocked_by_other_sellers_q(user):
    """Products (or their variants' parents) stocked by a seller not ``user``'s."""
    others = oscar_views.StockRecord.objects.exclude(partner__in=access.sellers_served_by(user))
    parents = others.filter(product__parent__isnull=False).values("product__parent")
    return Q(pk__in=others.values("product")) | Q(pk__in=parents)


class ProductCreateUpdateView(oscar_views.ProductCreateUpdateView):
    def get_object(self, queryset=None):
        product = super().get_object(queryset)
        if self.creating and self.parent is not None and not self.may_see(self.parent):
            raise Http404
        return product

    def may_see(self, product):
        return self.filter_queryset(oscar_views.Product.objects.filter(pk=product.pk)).exists()


class ProductDeleteView(oscar_views.ProductDeleteView):
    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if access.is_coordinator(user):
            return queryset
        return queryset.exclude(stocked_by_other_sellers_q(user))


class ProductLookupView(oscar_views.ProductLookupView):
    """The product search of the dashboard's forms: seller staff find their own products."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if access.is_coordinator(user):
            return queryset
        return queryset.filter(partner_product_visibility_q(user)).distinct()


class StockAlertListView(oscar_views.StockAlertListView):
    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if access.is_coordinator(user):
            return queryset
        return queryset.filter(stockrecord__partner__in=access.sellers_served_by(user))
