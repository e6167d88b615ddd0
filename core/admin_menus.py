"""Items an app adds to a page's header menu (⋮ beside the page's title in the editor)."""

from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem


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
