from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.search.forms import *  # noqa: F401,F403


class BrowseForm(forms.Form):
    """Search words and sort order of the database-backed product lists."""

    RELEVANCE, NEWEST, PRICE_ASC, PRICE_DESC, TITLE_ASC = (
        "relevance", "newest", "price-asc", "price-desc", "title-asc",
    )
    SORT_CHOICES = [
        (RELEVANCE, _("Featured first")),
        (NEWEST, _("Newest")),
        (PRICE_ASC, _("Price low to high")),
        (PRICE_DESC, _("Price high to low")),
        (TITLE_ASC, _("Title A to Z")),
    ]

    q = forms.CharField(required=False, max_length=200, label=_("Search"))
    sort_by = forms.ChoiceField(
        label=_("Sort by"), choices=SORT_CHOICES, required=False, widget=forms.Select()
    )


class SearchForm(BrowseForm):
    """The search page's words and order: best match first unless asked otherwise."""

    SORT_CHOICES = [(BrowseForm.RELEVANCE, _("Best match")), *BrowseForm.SORT_CHOICES[1:]]

    sort_by = forms.ChoiceField(
        label=_("Sort by"), choices=SORT_CHOICES, required=False, widget=forms.Select()
    )
