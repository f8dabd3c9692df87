"""The page form: a page's content is cleaned when saved (shop.richtext)."""

from oscar.apps.dashboard.pages import forms as oscar_forms
from oscar.apps.dashboard.pages.forms import *  # noqa: F401,F403

from shop.dashboard.catalogue.forms import RICH_TEXT_HELP
from shop.richtext import RichTextFormMixin


class PageUpdateForm(RichTextFormMixin, oscar_forms.PageUpdateForm):
    rich_text_fields = ("content",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["content"].help_text = RICH_TEXT_HELP
