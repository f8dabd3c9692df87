"""The call-back inbox: voicemails, missed calls and SMS that need a person.

Coordinators' pages (``PhoneOrdersConfig``).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import InboxItem
from .services.inbox import inbox_item_done


def inbox_list_view(request):
    show_done = request.GET.get("done") == "1"
    items = InboxItem._default_manager.select_related("user", "done_by")
    items = items if show_done else items.filter(done_at__isnull=True)
    return render(request, "phone_orders/inbox.html", {
        "items": items.order_by("done_at", "-created_at")[:200], "show_done": show_done})


@require_POST
def inbox_item_done_view(request, pk):
    item = get_object_or_404(InboxItem, pk=pk)
    inbox_item_done(item=item, by=request.user, note=request.POST.get("note", "").strip())
    messages.success(request, _("Marked as done."))
    return redirect("phone_orders:inbox")
