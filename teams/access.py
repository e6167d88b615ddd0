"""Which pages an admin user works on: the subtrees of their sites, nothing else."""

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def reachable_pages(user):
    """The pages ``user`` holds any page permission on (directly or through an ancestor)."""
    if user.is_superuser:
        return Page.objects.all()
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, PAGE_ACTIONS)


def can_reach(user, page):
    """True if ``user`` holds any page permission on ``page`` or one of its ancestors."""
    if user.is_superuser:
        return True
    return reachable_pages(user).filter(pk=page.pk).exists()


def explorable_pages(user):
    """The pages ``user`` may browse to: their subtrees and the ancestors leading to them."""
    if user.is_superuser:
        return Page.objects.all()
    if not PagePermissionPolicy().get_cached_permissions_for_user(user):
        return Page.objects.none()
    return PagePermissionPolicy().explorable_instances(user)
