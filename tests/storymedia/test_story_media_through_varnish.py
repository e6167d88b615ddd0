"""A story's release PDF and share card through Varnish: kept like the story's page, and fresh
as soon as the story is republished, withdrawn or published for the first time."""

from press.models import StoryPage
from tests.factories import make_story
from tests.varnish import COALITION_HOST

PATH = "/press/sample-coalition-release/"


def test_the_release_and_card_are_cached_and_purged_with_their_story(varnish, cached_sites):
    story = make_story(cached_sites.coalition_press, "Sample coalition release", category=cached_sites.statement)
    for tail in ("release.pdf", "card.png"):
        first, second = varnish.get(PATH + tail, COALITION_HOST), varnish.get(PATH + tail, COALITION_HOST)
        assert (first.status, first.cache, second.cache) == (200, "MISS", "HIT"), tail
        assert second.text == first.text
    pdf, card = varnish.get(PATH + "release.pdf", COALITION_HOST), varnish.get(PATH + "card.png", COALITION_HOST)

    # A new headline: both are made anew on the next visit (the card's pixels, the PDF's text).
    story = StoryPage.objects.get(pk=story.pk)
    story.title = "Sample coalition release, updated"
    story.save_revision().publish()
    assert varnish.fresh(PATH + "release.pdf", COALITION_HOST).text != pdf.text
    assert varnish.fresh(PATH + "card.png", COALITION_HOST).text != card.text

    # Withdrawn: gone from the edge too.
    StoryPage.objects.get(pk=story.pk).unpublish()
    assert varnish.fresh(PATH + "release.pdf", COALITION_HOST).status == 404
    assert varnish.fresh(PATH + "card.png", COALITION_HOST).status == 404


def test_a_release_not_found_before_the_first_publish_is_found_after_it(varnish, cached_sites):
    draft = make_story(cached_sites.coalition_press, "Sample coalition release", category=cached_sites.statement)
    StoryPage.objects.get(pk=draft.pk).unpublish()
    missing = varnish.get(PATH + "release.pdf", COALITION_HOST)
    again = varnish.get(PATH + "release.pdf", COALITION_HOST)
    assert (missing.status, again.status, again.cache) == (404, 404, "HIT")

    StoryPage.objects.get(pk=draft.pk).save_revision().publish()
    answer = varnish.fresh(PATH + "release.pdf", COALITION_HOST)
    assert answer.status == 200
    assert answer.text.startswith("%PDF-")
