"""Meal delivery: programs and seasons, clients, registrations, deliveries, routes.

A program belongs to a seller of kind "meal service". Clients are the people
served; their health and diet data are seen only by that seller's staff and by
coordinators (``services.selectors``). Everything that changes these rows goes
through ``services.services``.
"""

from datetime import time

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from shop.order.models import PaymentMethod

from .postal import forward_sortation_area, parse_prefixes
from .weekdays import Weekday, mask_to_weekdays

# --- Choices ----------------------------------------------------------------


class MealKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    DIABETIC = "diabetic", _("Diabetic")
    TEXTURE_MODIFIED = "texture_modified", _("Texture-modified")
    VEGETARIAN = "vegetarian", _("Vegetarian")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class ContactChannel(models.TextChoices):
    SMS = "sms", _("Text message (SMS)")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("Email")


class Fare(models.TextChoices):
    REGULAR = "regular", _("Regular price")
    SOLIDARITY = "solidarity", _("Solidarity (reduced) price")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    WAITLISTED = "waitlisted", _("Waiting list")
    OFFERED = "offered", _("Place offered")
    PAUSED = "paused", _("Paused")
    CANCELLED = "cancelled", _("Cancelled")
    REFUSED = "refused", _("Refused")
    ENDED = "ended", _("Ended")

    @classmethod
    def holding_a_place(cls):
        """Statuses that count against a weekday's capacity."""
        return (cls.PENDING, cls.APPROVED, cls.OFFERED, cls.PAUSED)


class RegistrationChannel(models.TextChoices):
    WEB = "web", _("Online")
    PHONE = "phone", _("Phone")
    SMS = "sms", _("SMS")
    WALK_IN = "walk_in", _("Walk-in")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")


class DeliveryStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SKIPPED = "skipped", _("Skipped")
    DELIVERED = "delivered", _("Delivered")
    NOBODY_HOME = "nobody_home", _("Nobody home")
    REFUSED = "refused", _("Refused at the door")

    @classmethod
    def to_cook(cls):
        """Deliveries the kitchen cooks for: all but those skipped."""
        return (cls.SCHEDULED, cls.DELIVERED, cls.NOBODY_HOME, cls.REFUSED)

    @classmethod
    def outcomes(cls):
        return (cls.DELIVERED, cls.NOBODY_HOME, cls.REFUSED)


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ConsentKind(models.TextChoices):
    SERVICE = "service", _("Registration and use of health and diet data")
    SMS = "sms", _("Text messages (SMS)")


# --- Programs ---------------------------------------------------------------


class Program(models.Model):
    """A meal-delivery program run by one seller (the meal service)."""

    seller = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="service_programs",
        verbose_name=_("seller"),
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    phone = PhoneNumberField(
        _("phone for clients"), blank=True,
        help_text=_("Given to people outside the service area; the seller's phone if empty."),
    )
    postal_prefixes = models.CharField(
        _("service area"), max_length=500,
        help_text=_("Postal code prefixes (FSA) served, separated by spaces: H4C H3J."),
    )
    cutoff_time = models.TimeField(
        _("cut-off time"), default=time(18, 0),
        help_text=_("Changes for tomorrow are accepted until this time today."),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept an offered place"), default=48
    )
    waitlist_counter = models.PositiveIntegerField(_("waiting-list numbers given"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self):
        return self.name

    @property
    def prefixes(self) -> list[str]:
        return parse_prefixes(self.postal_prefixes)

    def serves(self, postal_code: str) -> bool:
        fsa = forward_sortation_area(postal_code)
        return bool(fsa) and fsa in self.prefixes

    @property
    def contact_phone(self):
        return self.phone or self.seller.contact_phone

    @property
    def contact_phone_display(self) -> str:
        """The phone number as people dial it in Québec: (514) 555-0130."""
        phone = self.contact_phone
        return phone.as_national if phone else ""


class ProgramDay(models.Model):
    """A delivery weekday of a program and its capacity in meals.

    Registrations lock this row (``select_for_update``) while they count the
    places taken, so that concurrent registrations never overfill a day.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="days")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    capacity = models.PositiveIntegerField(_("meals a day"))

    class Meta:
        ordering = ["program", "weekday"]
        constraints = [
            models.UniqueConstraint(fields=["program", "weekday"], name="services_one_day_per_weekday"),
        ]
        verbose_name = _("delivery day")
        verbose_name_plural = _("delivery days")

    def __str__(self):
        return f"{self.program} — {self.get_weekday_display()}"


class MealOption(models.Model):
    """A meal a program offers, with the catalogue products it is billed as."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="meal_options")
    kind = models.CharField(_("kind"), max_length=20, choices=MealKind.choices)
    name = models.CharField(_("name"), max_length=120)
    regular_product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("product at the regular price"),
    )
    solidarity_product = models.ForeignKey(
        "catalogue.Product", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("product at the solidarity price"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["program", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["program", "kind"], name="services_one_option_per_kind"),
        ]
        verbose_name = _("meal option")
        verbose_name_plural = _("meal options")

    def __str__(self):
        return self.name

    def product_for(self, fare):
        return self.solidarity_product if fare == Fare.SOLIDARITY else self.regular_product


class Closure(models.Model):
    """A day with no delivery (a holiday)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["program", "date"], name="services_one_closure_a_day"),
        ]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def __str__(self):
        return f"{self.date} {self.reason}"


class Season(models.Model):
    """A session of a program: its delivery dates and its registration window."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="seasons")
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("first delivery day"))
    ends_on = models.DateField(_("last delivery day"))
    registration_opens_on = models.DateField(_("registration opens"))
    registration_closes_on = models.DateField(_("registration closes"))

    class Meta:
        ordering = ["program", "-starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="services_season_ends_after_start"),
        ]
        verbose_name = _("season")
        verbose_name_plural = _("seasons")

    def __str__(self):
        return f"{self.program} — {self.name}"

    def covers(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on

    def is_open_for_registration(self, today) -> bool:
        return self.registration_opens_on <= today <= self.registration_closes_on


# --- Clients ----------------------------------------------------------------


class Client(models.Model):
    """A person served. Often has no account: a relative or staff registers them."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    phone = PhoneNumberField(_("phone"), blank=True, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    address_line1 = models.CharField(_("address"), max_length=200)
    address_line2 = models.CharField(_("apartment, entrance"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Montréal")
    postal_code = models.CharField(_("postal code"), max_length=7)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices,
                                default=Language.FRENCH)
    diet_restrictions = models.TextField(_("diet restrictions"), blank=True)
    allergies = models.TextField(_("allergies"), blank=True)
    access_notes = models.TextField(_("access notes for the driver"), blank=True)
    emergency_contact_name = models.CharField(_("emergency contact"), max_length=200, blank=True)
    emergency_contact_phone = PhoneNumberField(_("emergency contact phone"), blank=True)
    sms_consent = models.BooleanField(_("agrees to text messages"), default=False)
    preferred_channel = models.CharField(_("preferred channel"), max_length=10,
                                         choices=ContactChannel.choices,
                                         default=ContactChannel.PHONE)
    fare = models.CharField(_("price"), max_length=12, choices=Fare.choices, default=Fare.REGULAR)
    payment_method = models.CharField(_("payment method"), max_length=20,
                                      choices=[choice for choice in PaymentMethod.choices
                                               if choice[0] != PaymentMethod.BALANCE],
                                      default=PaymentMethod.INVOICE)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="service_client", verbose_name=_("account"),
    )
    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True,
        related_name="meal_client", verbose_name=_("person"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("client")
        verbose_name_plural = _("clients")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def address(self):
        parts = [self.address_line1, self.address_line2, self.city, self.postal_code]
        return ", ".join(part for part in parts if part)


class ClientChange(models.Model):
    """One change to a client's record: who, when, and the fields before and after."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    changed_at = models.DateTimeField(_("when"))
    action = models.CharField(_("action"), max_length=20)
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("client record change")
        verbose_name_plural = _("client record changes")

    def __str__(self):
        return f"{self.client_id} {self.action} {self.changed_at:%Y-%m-%d %H:%M}"

    def get_action_display(self):
        return {"created": _("Record created"), "updated": _("Record changed")}.get(
            self.action, self.action)

    def labelled_changes(self):
        """(field label, before, after) for each field changed."""
        rows = []
        for name, (before, after) in sorted(self.changes.items()):
            field_name = name[:-3] if name.endswith("_id") else name
            try:
                label = Client._meta.get_field(field_name).verbose_name
            except Exception:  # noqa: BLE001 - a field since removed
                label = name
            rows.append((label, before, after))
        return rows


# --- Registrations ----------------------------------------------------------


class Registration(models.Model):
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="registrations")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="registrations")
    season = models.ForeignKey(Season, on_delete=models.PROTECT, related_name="registrations")
    weekdays = models.PositiveSmallIntegerField(
        _("delivery weekdays"), help_text=_("Bit mask: bit n set for weekday n (Monday 0).")
    )
    meals_per_delivery = models.PositiveSmallIntegerField(_("meals per delivery"), default=1)
    meal_option = models.ForeignKey(MealOption, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("meal"))
    requested_start = models.DateField(_("requested start"))
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.PENDING, db_index=True)
    status_reason = models.TextField(_("reason"), blank=True)
    paused_from = models.DateField(_("paused from"), null=True, blank=True)
    resume_on = models.DateField(_("resumes on"), null=True, blank=True)
    ends_on = models.DateField(_("last delivery day"), null=True, blank=True)
    waitlist_number = models.PositiveIntegerField(
        _("waiting-list number"), null=True, blank=True,
        help_text=_("Order of arrival on the program's waiting list."),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=RegistrationChannel.choices)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("entered by"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["program", "season", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(meals_per_delivery__gte=1),
                                   name="services_at_least_one_meal"),
            models.UniqueConstraint(fields=["program", "waitlist_number"],
                                    name="services_unique_waitlist_number"),
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        return f"{self.client} — {self.program}"

    @property
    def weekday_list(self) -> list[int]:
        return mask_to_weekdays(self.weekdays)

    def get_weekdays_display(self):
        return ", ".join(str(Weekday(day).label) for day in self.weekday_list)


class RegistrationEvent(models.Model):
    """What happened to a registration, by whom: created, approved, paused…"""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="events")
    action = models.CharField(_("action"), max_length=30)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+")
    at = models.DateTimeField(_("when"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]

    ACTIONS = {
        "created": _("Registered"), "approved": _("Approved"), "waitlisted": _("Waiting list"),
        "refused": _("Refused"), "offered": _("Place offered"),
        "offer_accepted": _("Offer accepted"), "offer_declined": _("Offer declined"),
        "offer_expired": _("Offer expired"), "skipped": _("Delivery skipped"),
        "paused": _("Paused"), "resumed": _("Resumed"), "cancelled": _("Cancelled"),
    }

    def __str__(self):
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"

    def get_action_display(self):
        return self.ACTIONS.get(self.action, self.action)


class WaitlistOffer(models.Model):
    """A freed place offered to a waitlisted registration, with a time limit."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="offers")
    offered_at = models.DateTimeField(_("offered"))
    expires_at = models.DateTimeField(_("expires"))
    status = models.CharField(_("status"), max_length=10, choices=OfferStatus.choices,
                              default=OfferStatus.OPEN, db_index=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["-offered_at"]
        verbose_name = _("offered place")
        verbose_name_plural = _("offered places")

    def __str__(self):
        return f"{self.registration_id} → {self.expires_at:%Y-%m-%d %H:%M}"


# --- Deliveries and routes --------------------------------------------------


class Route(models.Model):
    """A volunteer driver's round on one day."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="routes")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100)
    driver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="service_routes",
                               verbose_name=_("driver account"))
    driver_name = models.CharField(_("volunteer driver"), max_length=200, blank=True)
    driver_phone = PhoneNumberField(_("driver phone"), blank=True)

    class Meta:
        ordering = ["date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "date", "name"],
                                    name="services_route_name_unique_per_day"),
        ]
        verbose_name = _("route")
        verbose_name_plural = _("routes")

    def __str__(self):
        return f"{self.name} {self.date}"


class Delivery(models.Model):
    """Meals for one registration on one day; at most one per registration and day."""

    # No index of their own: the one-a-day constraint (registration, date) and
    # the (program, date, status) index lead with them, and every index less
    # is one less to write for each of the thousands of rows made each night.
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="deliveries", db_index=False)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="deliveries",
                                db_index=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="deliveries")
    date = models.DateField(_("date"))
    meals = models.PositiveSmallIntegerField(_("meals"))
    meal_option = models.ForeignKey(MealOption, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.SCHEDULED)
    route = models.ForeignKey(Route, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="stops", db_index=False)
    stop_order = models.PositiveIntegerField(_("stop"), null=True, blank=True)
    outcome_at = models.DateTimeField(_("outcome recorded"), null=True, blank=True)
    outcome_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+", db_index=False)
    note = models.TextField(_("note"), blank=True)
    billed_order = models.ForeignKey("order.Order", on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="service_deliveries",
                                     db_index=False)
    billed_at = models.DateTimeField(_("billed"), null=True, blank=True)

    class Meta:
        ordering = ["date", "route_id", "stop_order", "pk"]
        # Route, driver and order are empty when a delivery is made: their
        # indexes leave those rows out, so generating deliveries writes none.
        indexes = [
            models.Index(fields=["program", "date", "status"]),
            models.Index(fields=["route"], condition=models.Q(route__isnull=False),
                         name="services_delivery_route_idx"),
            models.Index(fields=["outcome_by"], condition=models.Q(outcome_by__isnull=False),
                         name="services_delivery_driver_idx"),
            models.Index(fields=["billed_order"], condition=models.Q(billed_order__isnull=False),
                         name="services_delivery_order_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["registration", "date"],
                                    name="services_one_delivery_per_registration_a_day"),
        ]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.client} {self.date}"


class FollowUp(models.Model):
    """Something staff must do about a client: call them, then their emergency contact."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="follow_ups")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="follow_ups")
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="follow_ups")
    reason = models.CharField(_("reason"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=FollowUpStatus.choices,
                              default=FollowUpStatus.OPEN, db_index=True)
    created = models.DateTimeField(_("created"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+")
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["created"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self):
        return self.reason
