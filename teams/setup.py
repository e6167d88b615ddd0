"""Per-site teams: who may do what, on which site.

Every site gets "<Site> editors" (add and edit pages under the site's root, submit them for
moderation, use the site's media collection) and "<Site> moderators" (also publish,
unpublish, approve, lock, and edit the site's branding). The teams of the default site, the
organisation that runs the install, and the "All sites" group may edit the shared press
directory (spokespeople, organisations, categories, topics); everyone else may only choose
from it. Idempotent: run it as often as you like.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, GroupSitePermission, Page

from core.models import SiteBranding
from teams.models import SiteTeam
from teams.workflows import ensure_site_workflow

SHARED_COLLECTION = "Shared"
ALL_SITES_GROUP = "All sites"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page", "lock_page", "unlock_page"]
MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
CHOOSE_PERMISSIONS = {"wagtailimages": ["choose_image"], "wagtaildocs": ["choose_document"]}
DIRECTORY_MODELS = ["spokesperson", "organization", "category", "topic"]
DIRECTORY_VIEW = [f"view_{model}" for model in DIRECTORY_MODELS]
DIRECTORY_EDIT = [
    f"{action}_{model}" for model in DIRECTORY_MODELS for action in ("add", "change", "delete", "view")
] + ["publish_spokesperson", "lock_spokesperson", "unlock_spokesperson"]


def _perms(app_label, codenames):
    return list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def _site_label(site):
    branding = SiteBranding.objects.filter(site=site).first()
    return (branding and branding.name) or site.site_name or site.hostname


def _collection(name, parent=None):
    parent = parent or Collection.get_first_root_node()
    return parent.get_children().filter(name=name).first() or parent.add_child(name=name)


def _group(name):
    group, _ = Group.objects.get_or_create(name=name)
    return group


def _set_global(group, app_label, codenames):
    group.permissions.add(*_perms(app_label, codenames))


def _set_page_permissions(group, pages, codenames):
    """Exactly these permissions, on exactly these pages (and so their subtrees)."""
    wanted = set(_perms("wagtailcore", codenames))
    GroupPagePermission.objects.filter(group=group).exclude(page__in=pages, permission__in=wanted).delete()
    for page in pages:
        for permission in wanted:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def site_roots(site):
    """The site's root page and its translations: each language's pages are a tree of their own
    (Wagtail serves /es/ from the root's Spanish translation), and the team works on all of them."""
    return list(site.root_page.get_translations(inclusive=True))


def _set_collection_permissions(group, collection, per_app):
    for app_label, codenames in per_app.items():
        for permission in _perms(app_label, codenames):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


@transaction.atomic
def ensure_site_team(site):
    """Create or repair the team of ``site``; returns its SiteTeam."""
    team = SiteTeam.objects.filter(site=site).select_related("editors", "moderators", "collection").first()
    label = _site_label(site)
    if team is None:
        team = SiteTeam.objects.create(
            site=site,
            editors=_group(f"{label} editors"),
            moderators=_group(f"{label} moderators"),
            collection=_collection(label),
        )
    shared = _collection(SHARED_COLLECTION)
    roots = site_roots(site)
    for group, page_permissions in (
        (team.editors, EDITOR_PAGE_PERMISSIONS),
        (team.moderators, MODERATOR_PAGE_PERMISSIONS),
    ):
        _set_global(group, "wagtailadmin", ["access_admin"])
        _set_page_permissions(group, roots, page_permissions)
        # Wagtail's "Translate" (simple_translation): a copy in another language, which then
        # goes through the site's moderation like any story.
        _set_global(group, "simple_translation", ["submit_translation"])
        _set_collection_permissions(group, team.collection, MEDIA_PERMISSIONS)
        _set_collection_permissions(group, shared, CHOOSE_PERMISSIONS)
        _set_global(group, "core", DIRECTORY_EDIT if site.is_default_site else DIRECTORY_VIEW)
    change_branding = _perms("core", ["change_sitebranding"])[0]
    GroupSitePermission.objects.get_or_create(group=team.moderators, site=site, permission=change_branding)
    ensure_site_workflow(site, team.moderators, label)
    return team


@transaction.atomic
def ensure_all_sites_group():
    """Press officers who work on every site: publish anywhere, edit the shared directory,
    use every collection and every site's branding."""
    group = _group(ALL_SITES_GROUP)
    _set_global(group, "wagtailadmin", ["access_admin"])
    _set_global(group, "core", [*DIRECTORY_EDIT, "change_sitebranding"])
    _set_page_permissions(group, [Page.get_first_root_node()], [*MODERATOR_PAGE_PERMISSIONS, "bulk_delete_page"])
    _set_global(group, "simple_translation", ["submit_translation"])
    _set_collection_permissions(group, Collection.get_first_root_node(), MEDIA_PERMISSIONS)
    return group


def ensure_all_teams():
    from wagtail.models import Site

    teams = [ensure_site_team(site) for site in Site.objects.select_related("root_page").order_by("pk")]
    ensure_all_sites_group()
    return teams
