"""What an app adds to the admin, said once: its views under /admin/<prefix>, an item in the
admin's main menu, its log actions, and items in a page's header menu (⋮ beside the page's title in the editor)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem


def register_admin_views(prefix, urlpatterns, namespace):
    """Serve ``urlpatterns`` at /admin/<prefix>, reversed as "<namespace>:<name>"."""

    @hooks.register("register_admin_urls")
    def admin_urls():
        return [path(prefix, include((urlpatterns, namespace)))]


def register_admin_menu_item(label, url_name, icon_name, order):
    """An item in the admin's main menu, shown to every admin user (deciding costs no query):
    the page it opens shows only the rows of the user's own sites."""

    @hooks.register("register_admin_menu_item")
    def admin_menu_item():
        return MenuItem(label, reverse(url_name), icon_name=icon_name, order=order)


def register_log_actions(*actions):
    """Name an app's own log actions, ``(action, label, message)`` each, for the admin's page
    history and reports."""

    @hooks.register("register_log_actions")
    def log_actions(registry):
        for action, label, message in actions:
            registry.register_action(action, label, message)


class PageHeaderMenuItem(PageMenuItem):
    """Shown on pages of ``page_types`` only, to a user who has ``permission`` on the page
    (a method of Wagtail's page permission tester: ``can_edit``, ``can_publish``…)."""

    page_types = ()
    permission = "can_edit"

    def is_shown(self, user):
        tester = self.page.permissions_for_user(user)
        return issubclass(self.page.specific_class, self.page_types) and getattr(tester, self.permission)()


def page_header_menu_item(item_class):
    """Class decorator: add ``item_class`` to every page's header menu (Wagtail's
    ``register_page_header_buttons``); its ``is_shown`` decides where it appears."""

    @hooks.register("register_page_header_buttons")
    def page_header_button(page, user, view_name, next_url=None):
        yield item_class(page=page)

    return item_class


def register_page_header_item(label, url_name, *, icon_name, priority, page_types, permission="can_edit"):
    """Add an item to the header menu of pages of ``page_types`` (see ``PageHeaderMenuItem``),
    for an app whose item needs nothing more than these values; returns its class."""
    attributes = {
        "label": label,
        "url_name": url_name,
        "icon_name": icon_name,
        "priority": priority,
        "page_types": page_types,
        "permission": permission,
    }
    return page_header_menu_item(type(f"PageHeaderMenuItem[{url_name}]", (PageHeaderMenuItem,), attributes))
