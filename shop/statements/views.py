"""Statement pages: the staff's month list and PDFs, and a client's own statement PDF.

Staff pages open to whom the app's ``permissions_map`` says (coordinators and
the meal services' staff); a seller's staff then read only their sellers'
orders (``staff_sellers``), and a person only if ``access.people_visible_to``
lets them. A client reads only their own statements (404 otherwise).
"""

from datetime import date

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView, View

from shop import access
from shop.documents.pdf import pdf_response

from . import documents, selectors
from .forms import MonthForm


def staff_sellers(user):
    """``None`` (the whole cooperative) for coordinators, else the sellers ``user`` serves."""
    return None if access.is_coordinator(user) else access.sellers_served_by(user)


def _month(year, month) -> date:
    try:
        return date(int(year), int(month), 1)
    except ValueError as error:
        raise Http404("No such month.") from error


class StaffStatementListView(TemplateView):
    template_name = "statements/staff_list.html"

    def get_context_data(self, **kwargs):
        form = MonthForm(self.request.GET or None)
        month = form.cleaned_data["month"] if form.is_valid() else selectors.previous_month()
        rows = selectors.invoice_clients(month=month, sellers=staff_sellers(self.request.user))
        visible = set(access.people_visible_to(self.request.user)
                      .filter(pk__in=[row.person.pk for row in rows]).values_list("pk", flat=True))
        rows = [row for row in rows if row.person.pk in visible]
        return super().get_context_data(
            form=form, month=month, rows=rows, paper_count=sum(not r.has_email for r in rows),
            total_due=sum((row.closing_due for row in rows), selectors.ZERO), **kwargs)


class StaffMonthPdfView(View):
    """The month's statements in one PDF: the paper ones (``?all=1``: every one)."""

    def get(self, request, year, month):
        first = _month(year, month)
        only_paper = request.GET.get("all") != "1"
        data = documents.month_statements_pdf(first, only_paper, sellers=staff_sellers(request.user))
        name = "releves-papier" if only_paper else "releves"
        return pdf_response(data, filename=f"{name}-{first:%Y-%m}.pdf")


class StaffStatementPdfView(View):
    """One person's statement, if the staff member may see that person."""

    def get(self, request, year, month, pk):
        first = _month(year, month)
        person = get_object_or_404(access.people_visible_to(request.user), pk=pk)
        sellers = staff_sellers(request.user)
        if person.pk not in {row.person.pk for row in
                             selectors.invoice_clients(month=first, sellers=sellers)}:
            raise Http404("No statement for this person this month.")
        statement = selectors.statement_for(person_or_client=person, month=first, sellers=sellers)
        return pdf_response(documents.statement_pdf(statement),
                            filename=f"releve-{first:%Y-%m}-{person.pk}.pdf")


class AccountStatementPdfView(LoginRequiredMixin, View):
    """The signed-in person's own statement of a month they have one for."""

    def get(self, request, year, month):
        first = _month(year, month)
        person = getattr(request.user, "person", None)
        if person is None or not selectors.invoice_clients(month=first, person=person):
            raise Http404("No statement for this month.")
        statement = selectors.statement_for(person_or_client=person, month=first)
        return pdf_response(documents.statement_pdf(statement),
                            filename=f"releve-{first:%Y-%m}.pdf")

