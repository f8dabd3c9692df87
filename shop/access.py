"""The one access policy of the staff side: who is who, and what each may see and do.

Every staff page (through its app's ``permissions_map``, ``shop.staff_pages``),
the dashboard menu (``menu_access``), the selectors, the CSV files and the
services ask this module; no other module decides who is a coordinator or
which sellers someone serves.

- A **coordinator** is an active staff account (``is_staff``); administrators
  (``is_superuser``) are coordinators too. They see and act on everything.
- **Seller staff** serve the sellers (Oscar partners) in whose ``Partner.users``
  they are, as long as their account is active and holds Oscar's
  ``partner.dashboard_access`` permission. They see those sellers' part only.
- **Meal programs**: a person works on the programs of the sellers they serve;
  coordinators on all of them.
- **The phone desk**: coordinators and phone desk volunteers (permission
  ``phone_orders.take_orders_for_all_sellers``, held by the "Phone desk" group)
  take orders for every seller and see clients' whole orders; seller staff take
  orders of their own sellers' products only and see only those sellers' lines,
  totals and addresses. Clients' emails are for coordinators only: everyone
  else finds a client by name or phone number.
- **Memberships** are sold at the desk by the staff of a tool library (their
  own library's tiers) and by coordinators; they find clients as the phone
  desk does (``desk_sees_client_emails``).

Importable without the models (settings name ``menu_access`` by its dotted
path, app configs import this module): models are imported inside functions.
"""

from oscar.core.loading import get_model

DASHBOARD_ACCESS = "partner.dashboard_access"
TAKE_ORDERS_FOR_ALL_SELLERS = "phone_orders.take_orders_for_all_sellers"
PHONE_DESK_GROUP = "Phone desk"

#: ``permissions_map`` value of a page anyone may open (webhooks, the public's
#: pages, which check what they need themselves), as Oscar's ``None`` is.
PUBLIC = None


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


# --- Who is who -------------------------------------------------------------------


def is_coordinator(user) -> bool:
    """Active staff accounts and administrators: they see and act on everything."""
    return _active(user) and (user.is_staff or user.is_superuser)


def holds_dashboard_access(user) -> bool:
    """Active and holding Oscar's ``partner.dashboard_access`` (Oscar's own gate)."""
    return _active(user) and user.has_perm(DASHBOARD_ACCESS)


def sellers_served_by(user):
    """The sellers whose staff ``user`` is (a queryset, maybe empty; not all for coordinators)."""
    partners = get_model("partner", "Partner")._default_manager
    if not holds_dashboard_access(user):
        return partners.none()
    return partners.filter(users=user)


def client_accounts():
    """Accounts of clients only: no staff, no administrator, nobody on a seller's staff."""
    return get_model("accounts", "User")._default_manager.filter(
        is_staff=False, is_superuser=False, partners__isnull=True)


def is_seller_staff(user) -> bool:
    return sellers_served_by(user).exists()


def is_staff_member(user) -> bool:
    """Coordinators and seller staff: the pages where each sees their own part."""
    return is_coordinator(user) or is_seller_staff(user)


def sellers_visible_to(user):
    """Every seller for coordinators, else the sellers ``user`` serves."""
    if is_coordinator(user):
        return get_model("partner", "Partner")._default_manager.all()
    return sellers_served_by(user)


# --- Meal programs ------------------------------------------------------------------


def programs_visible_to(user):
    """The meal programs ``user`` works on: all for coordinators, their sellers' otherwise."""
    programs = get_model("services", "Program")._default_manager
    if is_coordinator(user):
        return programs.all()
    return programs.filter(seller__in=sellers_served_by(user))


def may_use_services(user) -> bool:
    return is_coordinator(user) or programs_visible_to(user).exists()


# --- Sections of the staff side ------------------------------------------------------


def may_use_rentals_desk(user) -> bool:
    """The rentals desk and the inventory pages, each on the user's sellers."""
    return is_staff_member(user)


def membership_sellers(user):
    """The tool libraries whose memberships ``user`` sells: all for coordinators, else served."""
    from shop.partner.models import SellerKind

    return sellers_visible_to(user).filter(kind=SellerKind.TOOL_LIBRARY)


def may_sell_memberships(user) -> bool:
    """The membership desk: coordinators and the staff of a tool library."""
    return is_coordinator(user) or membership_sellers(user).exists()


def may_see_reports(user) -> bool:
    """The impact report: the whole cooperative for coordinators, their sellers for staff."""
    return is_staff_member(user)


def may_act_on_payments(user) -> bool:
    """The payments dashboard pages: settlements, and payments of orders they may act on."""
    return is_staff_member(user)


def may_export_accounting(user) -> bool:
    """The accounting export (journal, GST/QST figures): those who see reports or payments."""
    return may_see_reports(user) or may_act_on_payments(user)


# --- The phone desk ------------------------------------------------------------------


def takes_orders_for_all_sellers(user) -> bool:
    """Coordinators and phone desk volunteers: orders for every seller, whole orders seen."""
    return is_coordinator(user) or (_active(user) and user.has_perm(TAKE_ORDERS_FOR_ALL_SELLERS))


def may_use_phone_desk(user) -> bool:
    return takes_orders_for_all_sellers(user) or is_seller_staff(user)


def desk_sellers(user):
    """The sellers whose products ``user`` may order for a client at the phone desk."""
    if takes_orders_for_all_sellers(user):
        return get_model("partner", "Partner")._default_manager.all()
    return sellers_served_by(user)


def desk_sees_client_emails(user) -> bool:
    """Only coordinators need a client's email; others find clients by name or phone."""
    return is_coordinator(user)


# --- A person's page ("what the client sees") ------------------------------------------


def people_visible_to(user):
    """The people whose page ``user`` may open.

    Coordinators: everyone. The phone desk: every client (a person without an
    account, or whose account is a client's). Seller staff: the people who
    ordered, booked, took a membership or registered for meals with their
    sellers. Anybody else: nobody.
    """
    from django.db.models import Q

    people = get_model("people", "Person")._default_manager
    if is_coordinator(user):
        return people.all()
    if takes_orders_for_all_sellers(user):
        return people.filter(Q(user__isnull=True) | Q(user__in=client_accounts()))
    sellers = sellers_served_by(user)
    return people.filter(
        Q(user__in=_ids("order", "Line", "order__user", partner__in=sellers))
        | Q(user__in=_ids("rentals", "Reservation", "member", unit__seller__in=sellers))
        | Q(user__in=_ids("rentals", "Membership", "member", tier__seller__in=sellers))
        | Q(pk__in=_ids("services", "Registration", "client__person",
                        program__seller__in=sellers))
    )


def may_see_person(user, person) -> bool:
    """Whether ``user`` may open ``person``'s page (``people_visible_to``)."""
    return person is not None and people_visible_to(user).filter(pk=person.pk).exists()


def _ids(app_label, model_name, field, **lookups):
    return (get_model(app_label, model_name)._default_manager.filter(**lookups)
            .exclude(**{f"{field}__isnull": True}).values(field))


# --- The dashboard menu ----------------------------------------------------------------


def menu_access(user, url_name=None, url_args=None, url_kwargs=None) -> bool:
    """``OSCAR_DASHBOARD_DEFAULT_ACCESS_FUNCTION``: an entry shows exactly when its page opens.

    Our apps' pages answer through their config's ``allows`` (``shop.staff_pages``);
    Oscar's dashboard pages through Oscar's own check of their ``permissions_map``.
    A heading shows when one of its entries does.
    """
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured
    from django.urls import resolve, reverse
    from oscar.apps.dashboard.nav import default_access_fn

    if url_name is None:
        return True
    match = resolve(reverse(url_name, args=url_args, kwargs=url_kwargs))
    namespace = match.namespaces[0] if match.namespaces else ""
    if namespace == "dashboard":
        return default_access_fn(user, url_name, url_args, url_kwargs)
    config = next((config for config in apps.get_app_configs()
                   if config.label == namespace and hasattr(config, "allows")), None)
    if config is None:
        raise ImproperlyConfigured(
            f"Menu entry {url_name}: no access policy covers its page; "
            "give its app a permissions_map (shop.staff_pages).")
    return config.allows(user, match.url_name)


# --- Prepaid balances ------------------------------------------------------------------


def may_manage_balances(user) -> bool:
    """Prepaid balances (``/soldes/``): those who serve clients at the phone desk or in
    meal delivery; each person then checked with ``people_visible_to``."""
    return may_use_phone_desk(user) or may_use_services(user)
