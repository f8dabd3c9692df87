default_app_config = 'shop.dashboard.offers.apps.OffersDashboardConfig'
