"""A story in a real browser, at 1280 and 375 px: its blocks keep their gap and the quote and the
subtitle use the body type (the site's brand font, not a serif fallback); the standfirst, release
line and correction note sit above the body; printed, it keeps its issuer's name, logo and address
and drops the navigation and sharing."""

import datetime

import pytest

from core.models import SiteBranding
from demo import images
from press.models import StoryCorrection
from tests.factories import SpokespersonFactory, block, make_story
from tests.sites import picture, wordmark_image

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def rich_story(sites, person):
    """A story with every block that used to run into the next: quotes, an image, contacts."""
    photo = picture("Rally at the Capitol", images.banner_png("Rally", "#3b1f5c", "rally"), "png")
    body = [
        block("paragraph", "<p>Community groups across California are gearing up to respond.</p>"),
        block(
            "quote",
            {
                "text": "Courthouses must be safe for everyone.",
                "spokesperson": None,
                "attribution": "A. Example, Example Immigrant Rights Network",
            },
        ),
        block(
            "image",
            {
                "image": {"image": photo.pk, "alt_text": "A rally", "decorative": False},
                "caption": "A rally (sample picture).",
                "credit": "Example",
            },
        ),
        block(
            "quote",
            {
                "text": "We will keep families together.",
                "spokesperson": None,
                "attribution": "B. Example, Example Immigrant Rights Network",
            },
        ),
        block("paragraph", "<p>The coalition will hold a press call at 10 a.m.</p>"),
        block("media_contacts", {"heading": "Media contacts", "contacts": [person.pk]}),
    ]
    return make_story(
        sites.coalition_press,
        "Coalition condemns courthouse arrests",
        subtitle="Courts are for justice, not for deportations",
        summary="Arrests at courthouses keep victims and witnesses away.",
        release="immediate",
        body=body,
        listing_image=photo,
        corrections=[
            StoryCorrection(
                kind="correction",
                noted_at=datetime.datetime(2019, 1, 3, 18, 0, tzinfo=datetime.UTC),
                note="An earlier version gave the wrong time for the press call.",
            )
        ],
    )


def test_story_blocks_keep_their_gap_and_the_quote_and_subtitle_use_the_body_type(live_sites, new_context, screenshot):
    sites, _cipc_url, coalition_url = live_sites
    person = SpokespersonFactory(name="Ana Example", organization=sites.sample_org)
    story = rich_story(sites, person)
    for name, viewport in (("1280", DESKTOP), ("375", PHONE)):
        tab = new_context(viewport=viewport).new_page()
        tab.goto(f"{coalition_url}/press/{story.slug}/")
        gaps = tab.evaluate(
            """() => [...document.querySelectorAll('.story__body > *')].slice(0, -1).map((el) => {
                const next = el.nextElementSibling;
                return [el.className, next.className,
                        next.getBoundingClientRect().top - el.getBoundingClientRect().bottom];
            })"""
        )
        for first, second, gap in gaps:
            assert gap >= 20, f"{first} and {second} run together at {name}px: {gap}px apart"
        fonts = tab.evaluate(
            "() => [getComputedStyle(document.body).fontFamily,"
            " getComputedStyle(document.querySelector('.block-quote blockquote')).fontFamily,"
            " getComputedStyle(document.querySelector('.story__subtitle')).fontFamily]"
        )
        assert fonts[0] == fonts[1]
        assert fonts[2] == fonts[0], f"the subtitle is set in {fonts[2]}, the page in {fonts[0]}"
        assert "Georgia" not in fonts[2]
        assert (
            tab.locator(".story__standfirst").inner_text() == "Arrests at courthouses keep victims and witnesses away."
        )
        assert tab.locator(".story__release").inner_text().lower() == "for immediate release"
        note = tab.locator(".story__note--correction")
        assert (
            note.inner_text() == "Corrected January 3, 2019: An earlier version gave the wrong time for the press call."
        )
        assert note.bounding_box()["y"] < tab.locator(".story__body").bounding_box()["y"]
        screenshot(tab, f"story-blocks-{name}")


def test_a_printed_story_keeps_its_issuer_logo_and_address(live_sites, page, screenshot):
    sites, _cipc_url, coalition_url = live_sites
    branding = SiteBranding.objects.get(site=sites.coalition_site)
    branding.logo = wordmark_image("ice-out-of-california.svg")
    branding.save()
    story = make_story(sites.coalition_press, "Coalition statement for print")
    page.goto(f"{coalition_url}/press/{story.slug}/")
    assert not page.locator(".story__address").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".site-header__name").inner_text() == "ICE Out of California"
    assert page.locator(".site-header__logo").is_visible()
    assert page.locator(".story__address").inner_text() == f"{coalition_url}/press/{story.slug}/"
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".share").is_visible()
    screenshot(page, "story-print")
