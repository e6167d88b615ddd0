"""Wagtail's roots: the page tree's root, the root collection and the default locale.

Wagtail's migrations create them; a database that was flushed (as transactional tests
do) has lost them. Whatever builds sites calls this first."""

from django.conf import settings
from wagtail.models import Collection, Locale, Page


def ensure_wagtail_roots():
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE.split("-")[0])
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=Locale.get_default())
    return root
