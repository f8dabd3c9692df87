"""The range form: its description is cleaned when saved (shop.richtext)."""

from oscar.apps.dashboard.ranges import forms as oscar_forms
from oscar.apps.dashboard.ranges.forms import *  # noqa: F401,F403

from shop.richtext import RichTextFormMixin


class RangeForm(RichTextFormMixin, oscar_forms.RangeForm):
    rich_text_fields = ("description",)
