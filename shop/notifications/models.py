"""The outbox and what is known about each phone number.

``OutboundMessage`` is written in the transaction of the event that causes it
(an order placed, a delivery coming) and relayed by Celery after commit; its
``key`` (event and kind) makes one message per event at most. ``SmsContact``
holds what is known about a number (language, its person); its opted-out and
consent dates are a cache of the person's consent ledger (``people.Consent``),
which keeps every consent given or withdrawn, as Canada's anti-spam law asks.
An email keeps what its sender gave beyond the text body (subject, addresses,
headers, HTML, attachments) in ``EmailContent`` and ``EmailAttachment``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageChannel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("Email")


class MessageKind(models.TextChoices):
    ORDER_PLACED = "order_placed", _("Order confirmation")
    ORDER_READY = "order_ready", _("Ready for pick-up")
    OUT_FOR_DELIVERY = "out_for_delivery", _("Out for delivery")
    MEAL_REMINDER = "meal_reminder", _("Meal reminder")
    RENTAL_DUE = "rental_due", _("Rental due")
    QUESTION = "question", _("Question awaiting an answer")
    REPLY = "reply", _("Reply to a client")
    CAMPAIGN = "campaign", _("Campaign")
    OTHER = "other", _("Other")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not sent (opted out)")


class OutboundMessage(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=MessageChannel.choices,
                               default=MessageChannel.SMS)
    to = models.CharField(_("to"), max_length=254, db_index=True)
    body = models.TextField(_("body"))
    kind = models.CharField(_("kind"), max_length=30, choices=MessageKind.choices, db_index=True)
    key = models.CharField(
        _("key"), max_length=200, unique=True,
        help_text=_("The event and kind, so that one event sends one message at most."),
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="outbound_messages",
                             verbose_name=_("recipient"))
    is_reply = models.BooleanField(
        _("direct reply"), default=False,
        help_text=_("A direct reply to the client may be sent during quiet hours."),
    )
    status = models.CharField(_("status"), max_length=10, choices=MessageStatus.choices,
                              default=MessageStatus.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("not before"), null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    provider_sid = models.CharField(_("provider id"), max_length=64, null=True, blank=True,
                                    unique=True)
    provider_status = models.CharField(_("provider status"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.to} ({self.get_status_display()})"


class EmailContent(models.Model):
    """What an email holds beyond its text body (``OutboundMessage.body``)."""

    message = models.OneToOneField(OutboundMessage, on_delete=models.CASCADE,
                                   related_name="email", verbose_name=_("message"))
    subject = models.CharField(_("subject"), max_length=998, blank=True)
    from_email = models.CharField(_("from"), max_length=254, blank=True)
    to = models.JSONField(_("to"), default=list, blank=True)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    content_subtype = models.CharField(max_length=30, default="plain")
    alternatives = models.JSONField(
        _("alternatives"), default=list, blank=True,
        help_text=_("Other versions of the body (HTML), each as [content, MIME type]."),
    )

    class Meta:
        verbose_name = _("email content")
        verbose_name_plural = _("email contents")

    def __str__(self):
        return self.subject


class EmailAttachment(models.Model):
    email = models.ForeignKey(EmailContent, on_delete=models.CASCADE, related_name="attachments",
                              verbose_name=_("email"))
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    mimetype = models.CharField(_("MIME type"), max_length=100, blank=True)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("email attachment")
        verbose_name_plural = _("email attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.filename


class SmsContact(models.Model):
    phone = models.CharField(_("phone number"), max_length=20, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="sms_contacts")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="sms_contacts", verbose_name=_("person"))
    language = models.CharField(_("language"), max_length=10, blank=True)
    opted_out_at = models.DateTimeField(_("opted out"), null=True, blank=True)
    consented_at = models.DateTimeField(
        _("express consent"), null=True, blank=True,
        help_text=_("When the client agreed to receive news and campaigns by SMS."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("SMS contact")
        verbose_name_plural = _("SMS contacts")

    def __str__(self):
        return self.phone

    @property
    def opted_out(self):
        """Whether the number said stop: the consent ledger decides, not the cached date."""
        from shop.people.selectors.consents import number_withdrawn

        return number_withdrawn(phone=self.phone)
