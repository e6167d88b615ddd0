"""Media advisories through the stack's real Varnish (deploy/varnish/default.vcl): the story,
the room and the home page are kept and shared, with the Upcoming list and the RSVP form in
them; when the event ends, the scheduler's next run purges them at once, so the very next
visitor gets neither the ended event nor its form. The calendar file is kept, and a change to
the event reaches it; an RSVP always reaches the app."""

import datetime
from urllib.parse import urlencode

from django.core.management import call_command
from django.utils import timezone

from advisories.models import RSVP, AdvisoryEvent
from press.models import StoryPage
from tests.advisories.data import make_advisory, relative_day
from tests.varnish import CIPC_HOST

TITLE = "Sample vigil outside the courthouse"
LISTED = 'id="upcoming-heading"'  # the Upcoming list (this event is its only one)


def test_an_ended_event_leaves_the_cached_room_home_and_story_at_the_next_run(varnish, cached_sites):
    story = make_advisory(cached_sites.cipc_press, TITLE, date=relative_day(2))
    pages = ["/", "/press/"]
    story_path = f"/press/{story.slug}/"
    for path in pages:
        assert LISTED in varnish.fresh(path).text, path
        assert varnish.get(path).cache == "HIT"
    assert 'id="rsvp"' in varnish.fresh(story_path).text
    assert varnish.get(story_path).cache == "HIT"

    # The end comes (moved back rather than the clock forward): Varnish still holds the pages
    # until the scheduler's next run purges them.
    AdvisoryEvent.objects.filter(story=story).update(ends_at=timezone.now() - datetime.timedelta(seconds=1))
    assert LISTED in varnish.get("/press/").text
    call_command("run_scheduler", once=True)
    for path in pages:
        assert LISTED not in varnish.get(path).text, path  # the very next answer
    answer = varnish.get(story_path)
    assert 'id="rsvp"' not in answer.text
    assert "This event has ended." in answer.text


def test_the_calendar_file_is_kept_and_a_changed_event_reaches_it(varnish, cached_sites):
    story = make_advisory(cached_sites.cipc_press, TITLE, date=relative_day(2))
    path = f"/advisories/{story.pk}/event.ics"
    assert "Sample Community Hall" in varnish.fresh(path).text
    assert varnish.get(path).cache == "HIT"

    story = StoryPage.objects.get(pk=story.pk)
    event = story.advisory_events.get()
    event.venue = "Sample Courthouse Steps"
    story.advisory_events = [event]
    story.save_revision().publish()
    assert "Sample Courthouse Steps" in varnish.fresh(path).text


def test_an_rsvp_always_reaches_the_app(varnish, cached_sites):
    story = make_advisory(cached_sites.cipc_press, TITLE, date=relative_day(2))
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    for email in ("first@example.org", "second@example.org"):
        body = urlencode({"name": "Riley Sample", "outlet": "The Example Gazette", "email": email})
        answer = varnish.request("POST", f"/advisories/{story.pk}/rsvp/", CIPC_HOST, headers=form, body=body)
        assert answer.status == 200
        assert "Thank you: your RSVP is in" in answer.text
    assert sorted(RSVP.objects.values_list("email", flat=True)) == ["first@example.org", "second@example.org"]
