"""The offer's first step: its description is cleaned when saved (shop.richtext)."""

from oscar.apps.dashboard.offers import forms as oscar_forms
from oscar.apps.dashboard.offers.forms import *  # noqa: F401,F403

from shop.richtext import RichTextFormMixin


class MetaDataForm(RichTextFormMixin, oscar_forms.MetaDataForm):
    rich_text_fields = ("description",)
