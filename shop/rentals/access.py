"""Who may use the rentals desk and the inventory pages, and on which sellers.

Coordinators (the shop's staff) see every seller; seller staff (users with
Oscar's ``partner.dashboard_access`` permission, in ``Partner.users``) see their
own sellers only. Everyone else sees nothing: every desk page answers 404, as
does any object of a seller the user is not staff of.

Models are imported inside the functions: the dashboard menu in settings names
``desk_menu_access``, and settings must not import models.
"""

from django.http import Http404


def is_coordinator(user) -> bool:
    from shop.dashboard.selectors import is_coordinator as dashboard_is_coordinator

    return user.is_authenticated and user.is_active and dashboard_is_coordinator(user)


def desk_sellers(user):
    """The sellers whose rentals and stock ``user`` may manage (maybe none)."""
    from oscar.core.loading import get_model

    partner_model = get_model("partner", "Partner")
    if not user.is_authenticated or not user.is_active:
        return partner_model._default_manager.none()
    if is_coordinator(user):
        return partner_model._default_manager.all()
    if not user.has_perm("partner.dashboard_access"):
        return partner_model._default_manager.none()
    return partner_model._default_manager.filter(users=user)


def may_use_desk(user) -> bool:
    return is_coordinator(user) or desk_sellers(user).exists()


def desk_sellers_or_404(user):
    """``desk_sellers(user)``, or 404 for a user with no seller to manage."""
    if not may_use_desk(user):
        raise Http404
    return desk_sellers(user)


def desk_menu_access(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """``access_fn`` of the dashboard menu entries for rentals and inventory."""
    return may_use_desk(user)
