"""What comes in by phone and SMS, and what staff must follow up.

``InboundSms`` logs each SMS received (keyed on Twilio's id, so a webhook
delivered twice is handled once). ``PendingQuestion`` is the one question a
number may answer with OUI/YES or NON/NO. ``InboxItem`` is the staff inbox:
SMS nobody understood, voicemails and missed calls, marked done with a note.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Command(models.TextChoices):
    HELP = "help", _("Help")
    STATUS = "status", _("Status")
    STOP = "stop", _("Stop")
    START = "start", _("Start")
    ORDER = "order", _("Order again")
    YES = "yes", _("Yes")
    NO = "no", _("No")
    SKIP = "skip", _("Skip a delivery")
    UNKNOWN = "unknown", _("Not understood")
    UNKNOWN_SENDER = "unknown_sender", _("Unknown sender")


class InboundSms(models.Model):
    message_sid = models.CharField(_("Twilio id"), max_length=64, unique=True, null=True, blank=True)
    from_number = models.CharField(_("from"), max_length=32, db_index=True)
    to_number = models.CharField(_("to"), max_length=32, blank=True)
    body = models.TextField(_("message"), blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    command = models.CharField(_("command"), max_length=20, choices=Command.choices)
    language = models.CharField(_("language"), max_length=10, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("SMS received")
        verbose_name_plural = _("SMS received")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.from_number}: {self.body[:40]}"


class QuestionKind(models.TextChoices):
    REORDER = "reorder", _("Place the last order again?")
    DELIVERY_CONFIRM = "delivery_confirm", _("Confirm the next delivery?")
    OTHER = "other", _("Other question")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    REPLACED = "replaced", _("Replaced by a newer question")


class PendingQuestion(models.Model):
    phone = models.CharField(_("phone number"), max_length=20, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=30)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    text = models.TextField(_("question"))
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    order = models.ForeignKey("order.Order", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("order placed"))

    class Meta:
        verbose_name = _("question awaiting an answer")
        verbose_name_plural = _("questions awaiting an answer")
        ordering = ["-asked_at"]

    def __str__(self):
        return f"{self.phone}: {self.kind}"


class InboxKind(models.TextChoices):
    SMS = "sms", _("SMS not understood")
    VOICEMAIL = "voicemail", _("Voicemail")
    MISSED_CALL = "missed_call", _("Missed call")
    PROBLEM = "problem", _("Could not be done automatically")


class InboxItem(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=InboxKind.choices)
    phone = models.CharField(_("caller"), max_length=32, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("client"))
    body = models.TextField(_("message"), blank=True)
    recording_url = models.URLField(_("recording"), blank=True, max_length=500)
    call_sid = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("done by"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("call-back inbox item")
        verbose_name_plural = _("call-back inbox")
        ordering = ["done_at", "-created_at"]
        # The phone desk's role (shop.access): held by the "Phone desk" group.
        permissions = [("take_orders_for_all_sellers",
                        _("Can take phone orders for every seller"))]

    def __str__(self):
        return f"{self.get_kind_display()} {self.phone}"

    @property
    def recording_link(self) -> str:
        """The recording's address to link to: only one on Twilio's API over https, else ""."""
        from integrations.twilio.webhooks import twilio_recording_url

        return twilio_recording_url(self.recording_url) if self.recording_url else ""


class Campaign(models.Model):
    """An SMS sent to a segment of clients who consented, in the seller's name."""

    seller = models.ForeignKey("partner.Partner", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("seller"),
                               help_text=_("The seller the message is sent for (named in it)."))
    name = models.CharField(_("name"), max_length=120)
    body = models.TextField(_("message"), max_length=480,
                            help_text=_("The seller's name and how to stop are added."))
    segment = models.CharField(_("who receives it"), max_length=40)
    per_minute = models.PositiveSmallIntegerField(_("messages per minute"), default=30)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)

    class Meta:
        verbose_name = _("SMS campaign")
        verbose_name_plural = _("SMS campaigns")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    @property
    def key_prefix(self):
        return f"campaign:{self.pk}:"
