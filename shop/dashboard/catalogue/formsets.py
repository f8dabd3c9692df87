"""Oscar's stock record formset, which must not fail on a form posted without its forms."""

from oscar.apps.dashboard.catalogue import formsets as oscar_formsets
from oscar.apps.dashboard.catalogue.formsets import *  # noqa: F401,F403


class StockRecordFormSet(oscar_formsets.StockRecordFormSet):
    def set_initial_data(self):
        """Oscar pre-selects a seller's staff's seller on the first form: there may be none.

        A post without the formset's management data has no form at all; Oscar
        then failed with an IndexError (a 500) instead of saying the form is invalid.
        """
        if self.forms:
            super().set_initial_data()
