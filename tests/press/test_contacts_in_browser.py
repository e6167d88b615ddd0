"""A reporter on a phone (375 px) reaches a person to call in one tap from any page: the
header's "Media contacts" link is on the first screen of every page, in both languages, and
the contacts page shows the first phone number on its first screen."""

import pytest

from press.models import PressIndexPage, PressRoomContact
from tests.factories import example_contacts, make_story
from tests.presskit_data import build_press_kit
from tests.sites import translate, translate_press_sites

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def give_rooms_contacts(sites, spanish):
    alex, jordan = example_contacts()
    translate(alex, title="Directora de comunicaciones")
    english = ("Weekdays 9 a.m. to 6 p.m. Pacific", "Evenings and weekends.")
    spanish_words = ("De lunes a viernes, de 9 a 18 h", "Tardes y fines de semana.")
    for room, (hours, note) in [
        (sites.cipc_press, english),
        (sites.coalition_press, english),
        (spanish.cipc_press, spanish_words),
        (spanish.coalition_press, spanish_words),
    ]:
        room = PressIndexPage.objects.get(pk=room.pk)
        room.media_contacts = [
            PressRoomContact(spokesperson=alex, hours=hours, sort_order=0),
            PressRoomContact(spokesperson=jordan, sort_order=1),
        ]
        room.after_hours_phone = "(213) 555-0199"
        room.after_hours_note = note
        room.save_revision().publish()


def test_a_reporter_on_a_phone_reaches_the_contacts_in_one_tap_from_any_page(live_sites, new_context, screenshot):
    sites, cipc_url, coalition_url = live_sites
    spanish = translate_press_sites(sites)
    give_rooms_contacts(sites, spanish)
    story = make_story(sites.coalition_press, "Coalition statement on a fictional bill", category=sites.statement)
    for home in (sites.cipc_home, sites.coalition_home):
        build_press_kit(home)
    tab = new_context(viewport=PHONE).new_page()
    tab.set_default_timeout(15_000)
    starts = [
        (coalition_url, "/", "Media contacts", "/press/contacts/"),
        (coalition_url, "/press/", "Media contacts", "/press/contacts/"),
        (coalition_url, f"/press/{story.slug}/", "Media contacts", "/press/contacts/"),
        (coalition_url, "/press-kit/", "Media contacts", "/press/contacts/"),
        (coalition_url, "/search/?q=bill", "Media contacts", "/press/contacts/"),
        (cipc_url, "/", "Media contacts", "/press/contacts/"),
        (cipc_url, "/press/", "Media contacts", "/press/contacts/"),
        (cipc_url, "/es/", "Contactos de prensa", "/es/press/contacts/"),
        (coalition_url, "/es/press/", "Contactos de prensa", "/es/press/contacts/"),
    ]
    for base, path, label, contacts_path in starts:
        tab.goto(base + path)
        link = tab.locator(".site-nav").get_by_role("link", name=label)
        box = link.bounding_box()
        # On the first screen, without scrolling or opening a menu, and big enough to tap.
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], (path, box)
        assert box["height"] >= 24, (path, box)
        if path == "/":
            screenshot(tab, f"issue22-{'cipc' if base == cipc_url else 'coalition'}-home-header-375")
        link.click()  # the one tap
        tab.wait_for_url(base + contacts_path)
        phone = tab.get_by_role("link", name="(213) 555-0142")
        phone_box = phone.bounding_box()
        assert phone_box is not None and phone_box["y"] + phone_box["height"] <= PHONE["height"], (path, phone_box)
        assert phone.get_attribute("href") == "tel:2135550142"
    tab.goto(coalition_url + "/press/contacts/")
    assert tab.get_by_text("Hours: Weekdays 9 a.m. to 6 p.m. Pacific").is_visible()
    assert tab.get_by_role("link", name="(213) 555-0199").is_visible()  # the after-hours line
    # No sideways scrolling at 375 px: every card fits the screen.
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(tab, "issue22-coalition-contacts-375")
    tab.goto(coalition_url + "/es/press/contacts/")
    assert tab.get_by_role("heading", level=1).inner_text() == "Contactos de prensa"
    screenshot(tab, "issue22-coalition-contacts-es-375")
    # On a laptop the header keeps one row of navigation with the link in it.
    wide = new_context(viewport={"width": 1280, "height": 900}).new_page()
    wide.goto(coalition_url + "/press/")
    links = wide.locator(".site-nav a")
    assert links.all_inner_texts() == ["Home", "Press room", "Media contacts", "Press kit"]
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1, tops
    screenshot(wide, "issue22-coalition-room-header-1280")
