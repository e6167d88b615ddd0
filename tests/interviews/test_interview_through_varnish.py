"""The interview form through the stack's real Varnish (deploy/varnish/default.vcl): the form
is kept and shared like a page, a story published in the room shows in its list of stories on
the next visit, and the request it posts always reaches the app."""

from urllib.parse import urlencode

from interviews.models import InterviewRequest
from tests.factories import make_story
from tests.interviews.helpers import request_data
from tests.varnish import COALITION_HOST


def test_the_form_is_cached_refreshed_by_a_publish_and_its_post_reaches_the_app(varnish, cached_sites):
    first = varnish.get("/interview/", COALITION_HOST)
    second = varnish.get("/interview/", COALITION_HOST)
    assert first.status == 200
    assert (first.cache, second.cache) == ("MISS", "HIT")
    assert "Set-Cookie" not in second.headers
    assert "Statement on a fictional county contract" not in second.text

    make_story(cached_sites.coalition_press, "Statement on a fictional county contract")
    assert "Statement on a fictional county contract" in varnish.fresh("/interview/", COALITION_HOST).text

    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    posted = varnish.request(
        "POST", "/interview/send/", COALITION_HOST, headers=headers, body=urlencode(request_data())
    )
    assert (posted.status, posted.cache) == (200, "PASS")
    assert "We have your request" in posted.text
    assert InterviewRequest.objects.get().outlet == "The Example Ledger"
    assert varnish.get("/interview/", COALITION_HOST).cache == "HIT"  # the form stays shared
