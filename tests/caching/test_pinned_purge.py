"""A pinned story through Varnish: pinning reaches the room and the home page at once, and when
the pin's end time passes the scheduler's run purges them outright, so no visitor is served the
expired banner, not even a stale copy."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from press.models import PressIndexPage, StoryPage
from tests.factories import make_story
from tests.sites import translate_press_sites
from tests.varnish import COALITION_HOST

PAGES = [(COALITION_HOST, "/"), (COALITION_HOST, "/press/")]
BANNER = '<p class="pinned__banner" id="pinned-heading">Breaking</p>'


def test_a_pin_reaches_the_room_and_home_and_its_end_purges_them_at_once(varnish, cached_sites):
    story = make_story(cached_sites.coalition_press, "Example Network responds to a fictional ruling")
    for host, path in PAGES:
        assert BANNER not in varnish.fresh(path, host).text
        assert varnish.get(path, host).cache == "HIT"

    room = PressIndexPage.objects.get(pk=cached_sites.coalition_press.pk)
    room.pinned_story, room.pinned_breaking = story, True
    room.pinned_until = timezone.now() + datetime.timedelta(hours=1)
    room.save_revision().publish()
    for host, path in PAGES:
        answer = varnish.fresh(path, host)
        assert BANNER in answer.text, path
        assert varnish.get(path, host).cache == "HIT"

    # The end time comes (moved back rather than the clock forward): Varnish still holds the
    # banner until the scheduler's next run unpins the story and purges.
    PressIndexPage.objects.filter(pk=room.pk).update(pinned_until=timezone.now() - datetime.timedelta(seconds=1))
    assert all(BANNER in varnish.get(path, host).text for host, path in PAGES)
    call_command("run_scheduler", once=True)
    for host, path in PAGES:
        assert BANNER not in varnish.get(path, host).text, path  # the very next answer


def test_the_spanish_room_showing_the_english_pinned_story_gets_its_new_title(varnish, cached_sites):
    translate_press_sites(cached_sites)
    story = make_story(cached_sites.coalition_press, "Example Network answers a fictional subpoena")
    room = PressIndexPage.objects.get(pk=cached_sites.coalition_press.pk)
    room.pinned_story = story
    room.save_revision().publish()
    spanish_pages = [(COALITION_HOST, "/es/"), (COALITION_HOST, "/es/press/")]
    for host, path in spanish_pages:
        assert "Example Network answers a fictional subpoena" in varnish.fresh(path, host).text
        assert varnish.get(path, host).cache == "HIT"

    story = StoryPage.objects.get(pk=story.pk)
    story.title = "Example Network answers a second fictional subpoena"
    story.save_revision().publish()
    for host, path in spanish_pages:
        assert "Example Network answers a second fictional subpoena" in varnish.fresh(path, host).text, path
