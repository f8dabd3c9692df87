"""Volunteer drivers, the links that put a route on their phone, and what they record.

A ``Volunteer`` is a person (``people.Person``): their phone, language and SMS
consent are the person's. A ``RouteLink`` is the secret link to one route of one
day, sent by SMS: its token is the link's id signed with the secret key
(``drivers.tokens``), it expires at the end of the route's day and staff may
revoke it; the latest link of a route says who drives it. A ``StopOutcome`` is one tap of the driver
on a stop, with the id the phone made for it, so that a resend is stored once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from services.weekdays import Weekday, mask_to_weekdays


class Outcome(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    NOBODY_HOME = "nobody_home", _("Nobody home")
    REFUSED = "refused", _("Refused at the door")


class Volunteer(models.Model):
    """A person who drives meal routes, on the weekdays they can."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="volunteering", verbose_name=_("person"))
    program = models.ForeignKey("services.Program", on_delete=models.CASCADE,
                                related_name="volunteers", verbose_name=_("program"))
    weekdays = models.PositiveSmallIntegerField(
        _("days available"), default=0,
        help_text=_("Bit mask: bit n set for weekday n (Monday 0)."))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "program"],
                                    name="drivers_one_volunteer_per_person_and_program"),
        ]
        verbose_name = _("volunteer driver")
        verbose_name_plural = _("volunteer drivers")

    def __str__(self):
        return str(self.person)

    @property
    def weekday_list(self) -> list[int]:
        return mask_to_weekdays(self.weekdays)

    def get_weekdays_display(self):
        return ", ".join(str(Weekday(day).label) for day in self.weekday_list)

    def drives_on(self, day) -> bool:
        return bool(self.weekdays & (1 << day.weekday()))


class RouteLink(models.Model):
    """The link a volunteer opens to see one route of one day (no password)."""

    route = models.ForeignKey("services.Route", on_delete=models.CASCADE,
                              related_name="driver_links", verbose_name=_("route"))
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="links",
                                  verbose_name=_("volunteer"))
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("route link")
        verbose_name_plural = _("route links")

    def __str__(self):
        return f"{self.route} → {self.volunteer}"

    def is_valid(self, now) -> bool:
        return self.revoked_at is None and now < self.expires_at


class StopOutcome(models.Model):
    """One outcome a driver recorded on their phone; ``client_id`` is the phone's own id."""

    delivery = models.ForeignKey("services.Delivery", on_delete=models.CASCADE,
                                 related_name="driver_outcomes", verbose_name=_("delivery"))
    link = models.ForeignKey(RouteLink, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="outcomes")
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    client_id = models.UUIDField(_("id made on the phone"), unique=True)
    recorded_at = models.DateTimeField(_("recorded on the phone"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"))

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("stop outcome")
        verbose_name_plural = _("stop outcomes")

    def __str__(self):
        return f"{self.delivery_id} {self.outcome}"


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    TAKEN = "taken", _("Took the route")
    TOO_LATE = "too_late", _("Answered after it was taken")
    DECLINED = "declined", _("Declined")


class RouteOffer(models.Model):
    """An open route offered by SMS to a substitute; the first "OUI" takes it."""

    route = models.ForeignKey("services.Route", on_delete=models.CASCADE,
                              related_name="driver_offers", verbose_name=_("route"))
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="offers",
                                  verbose_name=_("volunteer"))
    status = models.CharField(_("status"), max_length=10, choices=OfferStatus.choices,
                              default=OfferStatus.OPEN)
    offered_at = models.DateTimeField(_("offered"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["offered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["route", "volunteer"],
                                    name="drivers_one_offer_per_volunteer_and_route"),
            models.UniqueConstraint(fields=["route"], condition=models.Q(status="taken"),
                                    name="drivers_one_taker_per_route"),
        ]
        verbose_name = _("route offered")
        verbose_name_plural = _("routes offered")

    def __str__(self):
        return f"{self.route} → {self.volunteer}: {self.status}"
