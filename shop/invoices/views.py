"""The invoices of an order as PDF: for the client who placed it, and for staff."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views import View
from oscar.core.loading import get_model

from shop.documents.pdf import pdf_response

from . import selectors
from .documents import order_documents_pdf, pdf_filename

Order = get_model("order", "Order")


class AccountInvoicePdfView(LoginRequiredMixin, View):
    """The client's own order: every seller's invoice and credit note, in the page's language."""

    def get(self, request, number):
        order = selectors.client_order(user=request.user, number=number)
        if order is None:
            raise Http404
        return _pdf(order, selectors.documents_of(order), get_language() or "fr")


class StaffInvoicePdfView(View):
    """Staff: the documents of the sellers they serve (coordinators: all), in the client's language."""

    def get(self, request, number):
        order = get_object_or_404(Order, number=number)
        documents = selectors.documents_visible_to(user=request.user, order=order)
        return _pdf(order, documents, selectors.document_language(order))


def _pdf(order, documents, language):
    documents = list(documents)
    if not documents:
        raise Http404
    data = order_documents_pdf(order=order, documents=documents, language=language[:2])
    return pdf_response(data, filename=pdf_filename(order))
