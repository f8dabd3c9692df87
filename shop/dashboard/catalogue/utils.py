"""Which products a seller's staff see in the dashboard catalogue: the access policy's."""

from django.db.models import Q

from shop import access


def partner_product_visibility_q(user):
    """Products stocked by a seller ``user`` serves, directly or (parents) through a variant.

    Oscar's own filter (``PartnerProductFilterMixin``, bulk actions) loads this
    with ``get_class``: the sellers come from ``shop.access``, which also asks
    for an active account holding the dashboard permission.
    """
    served = access.sellers_served_by(user)
    return Q(children__stockrecords__partner__in=served) | Q(stockrecords__partner__in=served)
