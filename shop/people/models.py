"""One person, their addresses, one consent ledger, and the privacy registers (Loi 25).

A ``Person`` is anyone the cooperative serves or works with, online or not:
an account (``user``) is optional. Their phone number and email count as
theirs only once verified (an account's own, a code confirmed, a message
received from the number): duplicates are merged on verified details only.

``Consent`` is append-only (CASL): one row per consent given, implied or
withdrawn, per purpose and channel, with when, how, who recorded it and the
words agreed to. The latest row of a (person, purpose, channel) decides.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class PreferredChannel(models.TextChoices):
    SMS = "sms", _("Text message (SMS)")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("Email")
    PAPER = "paper", _("Mail (paper)")


class Person(models.Model):
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = PhoneNumberField(_("phone"), null=True, blank=True, db_index=True)
    phone_verified_at = models.DateTimeField(_("phone verified"), null=True, blank=True)
    # NULL, not "": no two people share an email, and many have none.
    email = models.EmailField(_("email"), null=True, blank=True, db_index=True)  # noqa: DJ001
    email_verified_at = models.DateTimeField(_("email verified"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices,
                                default=Language.FRENCH)
    preferred_channel = models.CharField(_("preferred channel"), max_length=10,
                                         choices=PreferredChannel.choices,
                                         default=PreferredChannel.PHONE)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="person", verbose_name=_("online account"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name or str(self.phone or self.email or f"#{self.pk}")

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def phone_verified(self):
        return self.phone_verified_at is not None

    @property
    def email_verified(self):
        return self.email_verified_at is not None


class PersonAddress(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line1 = models.CharField(_("address"), max_length=200)
    line2 = models.CharField(_("apartment, entrance"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Montréal")
    postal_code = models.CharField(_("postal code"), max_length=7)
    is_default = models.BooleanField(_("main address"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "pk"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self):
        return ", ".join(part for part in (self.line1, self.line2, self.city, self.postal_code)
                         if part)


# --- The consent ledger --------------------------------------------------------------


class ConsentPurpose(models.TextChoices):
    SERVICE = "service", _("Messages about my orders and services")
    REMINDERS = "reminders", _("Reminders")
    NEWS = "news", _("News and campaigns")
    HEALTH_DATA = "health_data", _("Keeping my health and diet information")


class ConsentChannel(models.TextChoices):
    SMS = "sms", _("Text message (SMS)")
    EMAIL = "email", _("Email")
    VOICE = "voice", _("Phone call")
    RECORD = "record", _("Kept in my file")


class ConsentAction(models.TextChoices):
    GIVEN = "given", _("Consent given")
    IMPLIED = "implied", _("Implied by a purchase")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConsentMethod(models.TextChoices):
    WEB = "web", _("On the web site")
    DESK = "desk", _("By phone, to a staff member")
    SMS = "sms", _("By SMS keyword")
    VOICE = "voice", _("On the voice menu")
    PAPER = "paper", _("On paper")
    PURCHASE = "purchase", _("A purchase")
    IMPORTED = "imported", _("Carried over from an earlier record")


#: Implied consent from a purchase lasts two years (CASL, section 10(10)).
IMPLIED_CONSENT_LASTS = timedelta(days=730)


class ConsentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The consent ledger is append-only.")

    def delete(self):
        raise TypeError("The consent ledger is append-only.")


class Consent(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=ConsentChannel.choices)
    action = models.CharField(_("action"), max_length=10, choices=ConsentAction.choices)
    method = models.CharField(_("how"), max_length=10, choices=ConsentMethod.choices)
    given_by = models.CharField(
        _("given by"), max_length=200, blank=True,
        help_text=_("The person, or the relative who answered for them."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("recorded by"))
    wording = models.TextField(_("wording"), help_text=_("The words shown, read or received."))
    source = models.CharField(_("source"), max_length=100, blank=True,
                              help_text=_("What caused it: an order number, a registration."))
    created_at = models.DateTimeField(_("when"), db_index=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consent ledger")
        indexes = [models.Index(fields=["person", "purpose", "channel", "-created_at"],
                                name="consent_latest_idx")]

    def __str__(self):
        return f"{self.person_id} {self.purpose}/{self.channel}: {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("anonymising", False):
            raise TypeError("The consent ledger is append-only.")
        super().save(*args, **kwargs)

    @property
    def grants(self):
        return self.action in (ConsentAction.GIVEN, ConsentAction.IMPLIED)


# --- Verified linking -----------------------------------------------------------------


class LinkStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REFUSED = "refused", _("Refused")
    EXPIRED = "expired", _("Expired")


class LinkRequest(models.Model):
    """A person typed by someone else, to be joined to an account only once confirmed.

    The account's owner confirms with a code sent to the account's phone or
    email, or a staff member confirms it with them on the phone (their name is
    kept).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="link_requests")
    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="link_requests", verbose_name=_("account"))
    matched_on = models.CharField(_("matched on"), max_length=10)  # phone or email
    code_hash = models.CharField(max_length=128, blank=True)
    sent_to = models.CharField(_("code sent to"), max_length=254, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(_("status"), max_length=10, choices=LinkStatus.choices,
                              default=LinkStatus.PENDING, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    confirmed_by_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("confirmed on the phone by"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("link request")
        verbose_name_plural = _("link requests")

    def __str__(self):
        return f"{self.person} → {self.account} ({self.get_status_display()})"


# --- Loi 25 ------------------------------------------------------------------------------


class AccessLog(models.Model):
    """A staff member saw a person's health, diet or access notes."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("seen by"))
    viewer_name = models.CharField(_("seen by"), max_length=200)
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True,
                               related_name="access_logs")
    page = models.CharField(_("page"), max_length=200)
    seen_at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        ordering = ["-seen_at", "-pk"]
        verbose_name = _("access to personal notes")
        verbose_name_plural = _("accesses to personal notes")

    def __str__(self):
        return f"{self.viewer_name} {self.page} {self.seen_at:%Y-%m-%d %H:%M}"


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access")
    CORRECTION = "correction", _("Correction")
    PORTABILITY = "portability", _("Portability (a copy of the data)")
    DELETION = "deletion", _("Deletion")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Answered")
    REFUSED = "refused", _("Refused, with reasons")


#: Loi 25 (art. 32 of the private-sector act): an answer within 30 days.
PRIVACY_REQUEST_DAYS = 30


class PrivacyRequest(models.Model):
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="privacy_requests")
    requester = models.CharField(_("who asked"), max_length=200)
    kind = models.CharField(_("request"), max_length=12, choices=RequestKind.choices)
    details = models.TextField(_("details"), blank=True)
    received_on = models.DateField(_("received"))
    due_on = models.DateField(_("answer due"))
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices,
                              default=RequestStatus.OPEN, db_index=True)
    answer = models.TextField(_("answer"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    closed_on = models.DateField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["status", "due_on", "pk"]
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.requester}"


class Incident(models.Model):
    """A confidentiality incident (Loi 25, art. 3.5–3.8), kept in the register."""

    occurred_on = models.DateField(_("occurred"), null=True, blank=True)
    discovered_on = models.DateField(_("discovered"))
    description = models.TextField(_("what happened"))
    information = models.TextField(_("information concerned"))
    people_affected = models.PositiveIntegerField(_("people concerned"), default=0)
    serious_harm_risk = models.BooleanField(_("risk of serious harm"), default=False)
    measures = models.TextField(_("measures taken"), blank=True)
    reported_to_cai_on = models.DateField(_("reported to the Commission"), null=True, blank=True)
    people_notified_on = models.DateField(_("people notified"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["-discovered_on", "-pk"]
        verbose_name = _("confidentiality incident")
        verbose_name_plural = _("confidentiality incidents")

    def __str__(self):
        return f"{self.discovered_on} — {self.description[:60]}"
