default_app_config = 'shop.dashboard.pages.apps.PagesDashboardConfig'
