import oscar.apps.dashboard.pages.apps as apps


class PagesDashboardConfig(apps.PagesDashboardConfig):
    name = 'shop.dashboard.pages'
