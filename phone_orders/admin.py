from django.contrib import admin

from .models import InboundSms, InboxItem, PendingQuestion


@admin.register(InboundSms)
class InboundSmsAdmin(admin.ModelAdmin):
    list_display = ("received_at", "from_number", "command", "body", "reply")
    list_filter = ("command",)
    search_fields = ("from_number", "body")


@admin.register(PendingQuestion)
class PendingQuestionAdmin(admin.ModelAdmin):
    list_display = ("asked_at", "phone", "kind", "answer", "order")


@admin.register(InboxItem)
class InboxItemAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "phone", "user", "done_at")
    list_filter = ("kind",)
