default_app_config = 'shop.dashboard.ranges.apps.RangesDashboardConfig'
