"""Every change that alters what a visitor sees purges the sites that could show it.

Pages: the page's own site (before and after a move), plus the sites whose press rooms list
other sites' stories (CIPC's lists coalition statements it signed, and names their site).
Shared snippets, images, documents, Site records and the install-wide defaults: every site. Branding: its site and the
sites listing its stories. Redirects: their site (every site for an all-sites redirect).
Drafts, autosaves and uploads of new images purge nothing: visitors cannot see them yet."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from core.models import Category, InstallDefaults, Organization, SiteBranding, Spokesperson, Topic
from frontcache.purge import purge_everything, purge_sites, sites_at
from press.models import StoryPage

SHARED_SNIPPETS = [Spokesperson, Organization, Category, Topic]
# Saving a draft revision or a lock only touches these; the live record is unchanged.
DRAFT_BOOKKEEPING = {"latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by"}
FILE_BOOKKEEPING = {"file_size", "file_hash"}


def purge_page_sites(page, *url_paths):
    stories_only = isinstance(page, StoryPage)
    purge_sites(sites_at(url_paths), with_listing_sites=True, stories_only=stories_only)


def page_changed(sender, instance, **kwargs):
    """Published (also scheduled go-live, approval, revert, copy), unpublished (also expiry)."""
    if not isinstance(instance, StoryPage) and instance.is_site_root():
        purge_everything()
        return
    purge_page_sites(instance, instance.url_path)


def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    purge_everything()


def page_deleted(sender, instance, **kwargs):
    # Before the delete: afterwards the page is no longer anywhere in the tree.
    if isinstance(instance, Page):
        purge_page_sites(instance, instance.url_path)


def privacy_changed(sender, instance, **kwargs):
    purge_everything()


def snippet_changed(sender, instance, created=False, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= DRAFT_BOOKKEEPING:
        return
    purge_everything()


def media_changed(sender, instance, created=False, update_fields=None, **kwargs):
    # A new upload is on no page yet, and Wagtail fills in a file's size and hash lazily;
    # any other edit, or a deletion, may show on any page.
    if created or (update_fields and set(update_fields) <= FILE_BOOKKEEPING):
        return
    purge_everything()


def every_site_changed(sender, instance, **kwargs):
    """A Site record, or the defaults any site's branding may fall back on."""
    purge_everything()


def branding_changed(sender, instance, **kwargs):
    purge_sites([instance.site_id], with_listing_sites=True)


def redirect_changed(sender, instance, **kwargs):
    if instance.site_id:
        purge_sites([instance.site_id])
    else:
        purge_everything()


def register_signal_handlers():
    page_published.connect(page_changed)
    page_unpublished.connect(page_changed)
    post_page_move.connect(page_moved)
    pre_delete.connect(page_deleted)
    for signal in (post_save, post_delete):
        signal.connect(privacy_changed, sender=PageViewRestriction)
        signal.connect(every_site_changed, sender=Site)
        signal.connect(every_site_changed, sender=InstallDefaults)
        signal.connect(branding_changed, sender=SiteBranding)
        signal.connect(redirect_changed, sender=Redirect)
        signal.connect(media_changed, sender=get_image_model())
        signal.connect(media_changed, sender=get_document_model())
        for model in SHARED_SNIPPETS:
            signal.connect(snippet_changed, sender=model)
    # Publishing or unpublishing a spokesperson's revision.
    published.connect(snippet_changed, sender=Spokesperson)
    unpublished.connect(snippet_changed, sender=Spokesperson)
