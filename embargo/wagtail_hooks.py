from django.urls import include, path
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from embargo import admin_views
from press.models import StoryPage


@hooks.register("register_admin_urls")
def register_embargo_admin_urls():
    return [path("embargo/", include((admin_views.urlpatterns, "embargo_admin")))]


class EmbargoLinksMenuItem(PageMenuItem):
    label = "Embargoed preview links"
    icon_name = "link"
    url_name = "embargo_admin:links"
    priority = 66  # after History

    def is_shown(self, user):
        return issubclass(self.page.specific_class, StoryPage) and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def embargo_links_button(page, user, view_name, next_url=None):
    yield EmbargoLinksMenuItem(page=page)


@hooks.register("register_log_actions")
def register_embargo_log_actions(actions):
    for action, verb, past in (
        (admin_views.LINK_CREATED, "create", "created"),
        (admin_views.LINK_REVOKED, "revoke", "revoked"),
    ):
        actions.register_action(action, f"Embargoed preview link: {verb}", f"Embargoed preview link {past}")
