"""Every change that alters what a visitor sees purges the responses that could show it.

Pages: what the page type says shows it (``get_purge_keys``): for a story, its own page, the
press rooms that list it (their listings, feeds and home pages), their sites' searches and its
site's sitemap and not-found pages, as it was before the change and after; for a site root,
press room or press kit, its whole site and the sites that list its stories.
Shared snippets, images, documents, Site records, the install-wide defaults, moves and privacy
rules: every site. Branding (and its texts in other languages): its site and the sites listing
its stories. Redirects: their site
(every site for an all-sites redirect). Drafts, autosaves and uploads of new images purge
nothing: visitors cannot see them yet."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail import signals
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from core.models import Category, InstallDefaults, Organization, SiteBranding, SiteBrandingText, Spokesperson, Topic
from frontcache.purge import purge_everything, purge_page, purge_sites

SHARED_SNIPPETS = [Spokesperson, Organization, Category, Topic]
# Saving a draft revision or a lock only touches these; the live record is unchanged.
DRAFT_BOOKKEEPING = {"latest_revision", "has_unpublished_changes", "locked", "locked_at", "locked_by"}
FILE_BOOKKEEPING = {"file_size", "file_hash"}


def page_published(sender, instance, **kwargs):
    """Also scheduled go-live, approval, revert, copy: softly, the old copy is served while
    the new one is fetched."""
    purge_page(instance)


def page_withdrawn(sender, instance, **kwargs):
    """Unpublished (also expiry): at once, nobody may get the page again."""
    purge_page(instance, soft=False)


def page_saving(sender, instance, update_fields=None, **kwargs):
    """Before a live page is saved whole (a publish, an unpublish): what showed it as it was.
    A story that loses a signatory leaves the press room that listed it for that signature;
    its keys after the change would no longer name that room. Partial saves (drafts, locks,
    tree bookkeeping) change nothing visitors see."""
    if update_fields is not None or instance.pk is None or not isinstance(instance, Page):
        return
    before = instance.specific_class.objects.filter(pk=instance.pk, live=True).first()
    if before is not None:
        purge_page(before)


def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    # Every site: a moved page (a room with its stories) can change what any room lists and
    # the addresses of everything under it. Moves are rare.
    purge_everything()


def page_deleted(sender, instance, **kwargs):
    # Before the delete: afterwards the page is no longer anywhere in the tree. Each page of a
    # deleted branch is here twice, as a Page row and as its specific row: the specific one
    # states the keys.
    if isinstance(instance, Page) and type(instance) is instance.specific_class:
        purge_page(instance, soft=False)


def privacy_changed(sender, instance, **kwargs):
    # Every site: a rule hides a page and everything under it, wherever it is listed.
    # Privacy changes are rare.
    purge_everything(soft=False)


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


def branding_text_changed(sender, instance, **kwargs):
    """A site's tagline or footer in another language (saved with its branding, or alone)."""
    site_id = SiteBranding.objects.filter(pk=instance.branding_id).values_list("site_id", flat=True).first()
    if site_id is not None:
        purge_sites([site_id], with_listing_sites=True)


def redirect_changed(sender, instance, **kwargs):
    if instance.site_id:
        purge_sites([instance.site_id])
    else:
        purge_everything()


def register_signal_handlers():
    signals.page_published.connect(page_published)
    signals.page_unpublished.connect(page_withdrawn)
    pre_save.connect(page_saving)
    signals.post_page_move.connect(page_moved)
    pre_delete.connect(page_deleted)
    for signal in (post_save, post_delete):
        signal.connect(privacy_changed, sender=PageViewRestriction)
        signal.connect(every_site_changed, sender=Site)
        signal.connect(every_site_changed, sender=InstallDefaults)
        signal.connect(branding_changed, sender=SiteBranding)
        signal.connect(branding_text_changed, sender=SiteBrandingText)
        signal.connect(redirect_changed, sender=Redirect)
        signal.connect(media_changed, sender=get_image_model())
        signal.connect(media_changed, sender=get_document_model())
        for model in SHARED_SNIPPETS:
            signal.connect(snippet_changed, sender=model)
    # Publishing or unpublishing a spokesperson's revision.
    signals.published.connect(snippet_changed, sender=Spokesperson)
    signals.unpublished.connect(snippet_changed, sender=Spokesperson)
