"""Who sees the meal-delivery entry of the dashboard menu (read from settings,
so models are imported only when the menu is drawn)."""


def menu_access(user, url_name=None, url_args=None, url_kwargs=None):
    from .selectors import can_use_services

    return can_use_services(user)
