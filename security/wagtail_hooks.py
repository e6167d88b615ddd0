from wagtail import hooks

from security.admin_api import CheckedPagesAdminAPIViewSet


@hooks.register("construct_admin_api")
def check_the_admin_api_query_string(router):
    # Same endpoint name: replaces Wagtail's pages endpoint at the same address.
    router.register_endpoint("pages", CheckedPagesAdminAPIViewSet)
