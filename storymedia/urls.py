"""Addresses under a story's own (``/press/<story>/release.pdf``), in every language (included
in ``i18n_patterns`` before Wagtail's pages). ``story_path`` is the story's address under its
site, found by Wagtail's routing (``stories.live_story``)."""

from django.urls import re_path

from storymedia import views

STORY = r"^(?P<story_path>(?:[\w\-]+/)+)"

urlpatterns = [
    re_path(STORY + r"release\.pdf$", views.release_pdf_view, name="story_release_pdf"),
    re_path(STORY + r"card\.png$", views.social_card_view, name="story_social_card"),
    re_path(STORY + r"media/images/(?P<image_id>[0-9]{1,9})/$", views.original_image_view, name="story_image"),
]
