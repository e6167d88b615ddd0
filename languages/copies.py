"""A page or a press-directory snippet copied into another language, as Wagtail's "Translate"
does, and published: what the demo loader and the tests' sites both need."""

from wagtail.models import Page


def publish_translation(original, locale, **fields):
    """``original`` copied into ``locale`` (Wagtail's ``copy_for_translation``), given
    ``fields``, saved and, if it has revisions, published; returns the copy. A page's parent
    must be translated first."""
    copy = original.copy_for_translation(locale)
    is_page = isinstance(copy, Page)
    if is_page:
        copy = copy.specific  # Wagtail saves a page's copy itself; a snippet's is ours to save
    for name, value in fields.items():
        setattr(copy, name, value)
    if not is_page:
        copy.save()
    if hasattr(copy, "save_revision"):
        copy.save_revision().publish()
    return copy
