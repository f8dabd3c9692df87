"""Oscar's basket app, forked for a leaner add-to-basket view (shop.basket.views)."""

import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    name = "shop.basket"
