"""Who may see the reports, and for which sellers.

Coordinators (the shop's staff) see the whole cooperative and every seller;
seller staff (Oscar's ``partner.dashboard_access`` permission, in
``Partner.users``) see their own sellers only, never the whole cooperative.

Models are imported inside the functions: the dashboard menu in settings names
``report_menu_access``, and settings must not import models.
"""


def is_coordinator(user) -> bool:
    from shop.dashboard.selectors import is_coordinator as dashboard_is_coordinator

    return bool(user and user.is_authenticated and user.is_active
                and dashboard_is_coordinator(user))


def report_sellers(user):
    """The sellers whose figures ``user`` may see (maybe none)."""
    from oscar.core.loading import get_model

    partners = get_model("partner", "Partner")._default_manager.order_by("name")
    if is_coordinator(user):
        return partners.all()
    if not (user and user.is_authenticated and user.is_active
            and user.has_perm("partner.dashboard_access")):
        return partners.none()
    return partners.filter(users=user)


def may_see_reports(user) -> bool:
    return is_coordinator(user) or report_sellers(user).exists()


def report_menu_access(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """``access_fn`` of the dashboard menu entry of the impact report."""
    return may_see_reports(user)
