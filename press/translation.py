"""A story copied into another language (Wagtail's "Translate") starts in that language where
the site already says it: the signatories' heading, when it is the site's default, becomes the
translated site's ("el Comité Directivo de la Coalición…"), and a media contacts block headed
with the default heading gets that heading in the new language. The editor sees them in the
editor and can change them; the rest is theirs to translate."""

from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page
from wagtail.signals import copy_for_translation_done

from core.blocks import MEDIA_CONTACTS
from press.models import StoryPage


def site_root_of(page):
    return Page.objects.ancestor_of(page).filter(depth=2).specific().first()


def signatories_heading_in(source, target):
    """The heading ``target`` (``source`` translated) starts with: its site's, when ``source``
    has its own site's default heading; else ``source``'s."""
    source_default = getattr(site_root_of(source), "signatories_heading", "").strip()
    target_default = getattr(site_root_of(target), "signatories_heading", "").strip()
    if source_default and target_default and source.signatories_heading.strip() == source_default:
        return target_default
    return source.signatories_heading


def story_translated(sender, source_obj, target_obj, **kwargs):
    if not isinstance(target_obj, StoryPage):
        return
    target_obj.signatories_heading = signatories_heading_in(source_obj, target_obj)
    with translation.override(target_obj.locale.language_code):
        heading = gettext(MEDIA_CONTACTS)
    for block in target_obj.body:
        if block.block_type == "media_contacts" and block.value.get("heading", "").strip() == MEDIA_CONTACTS:
            block.value["heading"] = heading
    target_obj.save(update_fields=["signatories_heading", "body"], clean=False)
    # The draft the editor opens is the copy's revision (the translator's): it says the same.
    revision = target_obj.latest_revision
    if revision is not None:
        revision.content = target_obj.serializable_data()
        revision.save(update_fields=["content"])


copy_for_translation_done.connect(story_translated)
