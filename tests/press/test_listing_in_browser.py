"""A press room in a real browser, at 375 and 1280 px: listing thumbnails are small, even and
beside the headline, and long filter choices are not cut off."""

import pytest

from demo import images
from press.models import PressIndexPage, PressRoomContact
from tests.factories import OrganizationFactory, SpokespersonFactory, TopicFactory, make_story
from tests.sites import LONG_NAMES, picture

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def test_listing_thumbnails_are_small_even_and_after_the_headline(live_sites, new_context, screenshot):
    sites, _cipc_url, coalition_url = live_sites
    for i in range(4):
        photo = picture(
            f"Listing {i}", images.banner_png("", ["#1d4f91", "#3b1f5c", "#1f5c3a", "#8a3b12"][i], str(i)), "png"
        )
        make_story(sites.coalition_press, f"Coalition statement number {i}", listing_image=photo)
    for name, viewport, widest in (("375", PHONE, 120), ("1280", DESKTOP, 200)):
        tab = new_context(viewport=viewport).new_page()
        tab.goto(f"{coalition_url}/press/")
        shapes = tab.evaluate(
            """() => [...document.querySelectorAll('.story-card__image')].map((img) => {
                const box = img.getBoundingClientRect();
                return [box.width, box.height];
            })"""
        )
        assert len(shapes) == 4
        assert len({(round(w), round(h)) for w, h in shapes}) == 1, f"thumbnails differ at {name}px: {shapes}"
        assert shapes[0][0] <= widest
        title = tab.locator(".story-card__title").first.bounding_box()
        image = tab.locator(".story-card__image").first.bounding_box()
        assert image["x"] >= title["x"] + title["width"] - 1, "the thumbnail sits beside the headline, not above it"
        assert title["y"] < viewport["height"] * 0.75, f"first headline below the fold at {name}px"
        screenshot(tab, f"press-room-thumbnails-{name}")


def test_long_filter_choices_are_not_cut_off(live_sites, new_context, screenshot):
    sites, _cipc_url, coalition_url = live_sites
    orgs = [OrganizationFactory(name=name) for name in LONG_NAMES]
    topic = TopicFactory(name="Immigration enforcement at work (AB 450)")
    make_story(sites.coalition_press, "Coalition statement on AB 450", signatories=orgs, topics=[topic])
    for name, viewport in (("1280", DESKTOP), ("375", PHONE)):
        tab = new_context(viewport=viewport).new_page()
        tab.goto(f"{coalition_url}/press/?organization={orgs[0].slug}")
        tab.evaluate("document.querySelector('.filters-disclosure').open = true")  # folded on phones
        cut = tab.evaluate(
            """() => {
                const canvas = document.createElement('canvas').getContext('2d');
                const cut = [];
                for (const select of document.querySelectorAll('.filters select')) {
                    const style = getComputedStyle(select);
                    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
                    const room = select.clientWidth - parseFloat(style.paddingLeft)
                        - parseFloat(style.paddingRight) - 24;  // the arrow
                    const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
                    for (const option of select.options) {
                        select.value = option.value;
                        const wraps = style.appearance === 'base-select' && select.scrollWidth <= select.clientWidth;
                        const fits = canvas.measureText(option.text).width <= room;
                        const inner = select.clientHeight - parseFloat(style.paddingTop)
                            - parseFloat(style.paddingBottom);
                        const lines = Math.round(inner / lineHeight);
                        if (!fits && !(wraps && lines > 1)) cut.push([select.name, option.text, lines]);
                    }
                }
                return cut;
            }"""
        )
        assert cut == [], f"cut off at {name}px"
        tab.reload()
        tab.evaluate("document.querySelector('.filters-disclosure').open = true")  # folded on phones
        screenshot(tab, f"press-room-long-filters-{name}")


def test_a_long_contact_email_wraps_at_its_at_sign_or_a_dot_never_mid_word(live_sites, new_context, screenshot):
    sites, _cipc_url, coalition_url = live_sites
    person = SpokespersonFactory(
        name="Jordan Placeholder",
        title="Communications Director",
        organization=sites.sample_org,
        press_email="jordan.placeholder@example.org",
    )
    room = PressIndexPage.objects.get(pk=sites.coalition_press.pk)
    room.media_contacts = [PressRoomContact(spokesperson=person, sort_order=0)]
    room.save_revision().publish()
    narrow = {"width": 320, "height": 700}  # the narrowest phone the site is checked at
    tab = new_context(viewport=narrow).new_page()
    tab.goto(f"{coalition_url}/press/")
    link = tab.locator('.contact-card a[href^="mailto:"]')
    assert link.inner_text().replace("\n", "") == person.press_email
    # Each piece between the break points stays on one line (the issue saw "example.o / rg").
    lines_per_piece = link.evaluate(
        """(a) => [...a.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => {
            const range = document.createRange();
            range.selectNodeContents(n);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        })"""
    )
    assert lines_per_piece and set(lines_per_piece) == {1}, lines_per_piece
    assert link.evaluate("(a) => a.getClientRects().length") > 1  # it did have to wrap
    assert link.evaluate("(a) => a.getBoundingClientRect().right") <= narrow["width"]
    screenshot(tab, "contact-card-long-email-320")
