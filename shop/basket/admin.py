"""Oscar's basket admin, unchanged."""

from oscar.apps.basket.admin import *  # noqa: F401,F403
