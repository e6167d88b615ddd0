"""Every change an editor makes reaches visitors at once: the addresses Varnish holds that show
it (listings with any filter and page, feeds, search, sitemaps, home pages, on every site that
lists the story) are purged when the change commits. Each test fills the cache, acts (through
the ORM or the admin, as an editor would), then asks Varnish again, straight away."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from core.models import InstallDefaults, SiteBranding, SiteBrandingText
from press.models import PressIndexPage, PressRoomContact, StoryPage
from tests.editors import story_form_data, team_members
from tests.factories import (
    OrganizationFactory,
    SpokespersonFactory,
    TopicFactory,
    block,
    example_contacts,
    make_story,
    statement,
)
from tests.sites import translate_press_sites
from tests.varnish import CIPC_HOST, COALITION_HOST

TITLE = "Coalition condemns raids"
STORY_PATH = "/press/coalition-condemns-raids/"

# Where a coalition statement signed by CIPC shows: everywhere on the coalition's site and,
# cross-listed, on CIPC's. Filtered and paged variants are separate entries in Varnish.
COALITION_ADDRESSES = [
    "/",
    "/press/",
    "/press/?category=statement",
    "/press/?year=2024&topic=raids",
    "/press/feed/",
    "/press/feed/?topic=raids",
    "/press/feed/json/",
    "/press/widget/?count=3",
    "/search/?q=raids",
]
CIPC_ADDRESSES = [
    "/",
    "/press/",
    "/press/?organization=cipc",
    "/press/?category=statement&year=2024",
    "/press/feed/",
    "/search/?q=raids",
]
EVERYWHERE = [(COALITION_HOST, path) for path in COALITION_ADDRESSES] + [(CIPC_HOST, path) for path in CIPC_ADDRESSES]


@pytest.fixture
def raids(cached_sites):
    return TopicFactory(name="Raids", slug="raids")


def new_story(sites, topic, title=TITLE, **fields):
    return make_story(
        sites.coalition_press,
        title,
        date=fields.pop("date", datetime.date(2024, 5, 1)),
        category=sites.statement,
        signatories=fields.pop("signatories", [sites.cipc_org, sites.sample_legal_org]),
        topics=[topic],
        summary=fields.pop("summary", "The coalition condemns the raids."),
        **fields,
    )


def warm(varnish, addresses):
    """Fill the cache with ``addresses`` [(host, path)] and check Varnish now answers them."""
    for host, path in addresses:
        varnish.fresh(path, host)
        answer = varnish.get(path, host)
        assert answer.cache == "HIT", (host, path, answer.status)


def everywhere_shows(varnish, addresses, text):
    """[(host, path)] of the addresses whose answer does not contain ``text``."""
    missing = []
    for host, path in addresses:
        answer = varnish.fresh(path, host)
        if text not in answer.text:
            missing.append((host, path, answer.cache))
    return missing


def nowhere_shows(varnish, addresses, text, at_once=False):
    """[(host, path)] of the addresses whose answer contains ``text``; ``at_once``: the very
    next answer, not even a stale copy (something withdrawn is purged outright)."""
    ask = varnish.get if at_once else varnish.fresh
    return [(host, path) for host, path in addresses if text in ask(path, host).text]


def test_publishing_a_story_shows_it_on_every_address_of_both_sites(varnish, cached_sites, raids):
    warm(varnish, EVERYWHERE + [(COALITION_HOST, STORY_PATH), (COALITION_HOST, "/sitemap.xml")])
    assert varnish.get(STORY_PATH, COALITION_HOST).status == 404

    new_story(cached_sites, raids)

    assert everywhere_shows(varnish, EVERYWHERE, TITLE) == []
    assert STORY_PATH in varnish.fresh("/sitemap.xml", COALITION_HOST).text
    page = varnish.fresh(STORY_PATH, COALITION_HOST)
    assert page.status == 200
    assert "The coalition condemns the raids." in page.text


def test_a_publish_refreshes_what_lists_the_story_and_leaves_other_stories_cached(varnish, cached_sites, raids):
    """Not every page of the site: an old story that did not change stays in the cache. What
    shows the new story (its rooms on both sites, as CIPC signed it, their home pages, feed
    and searches) is served as it was at most while Varnish fetches the new copy, then new."""
    old = new_story(cached_sites, raids, "Statement from 2019", date=datetime.date(2019, 3, 1))
    old_path = "/press/statement-from-2019/"
    listing_it = [
        (COALITION_HOST, "/"),
        (COALITION_HOST, "/press/"),
        (COALITION_HOST, "/press/?topic=raids"),
        (COALITION_HOST, "/press/feed/"),
        (COALITION_HOST, "/search/?q=raids"),
        (CIPC_HOST, "/"),
        (CIPC_HOST, "/press/"),
        (CIPC_HOST, "/search/?q=raids"),
    ]
    warm(varnish, listing_it + [(COALITION_HOST, old_path)])

    new_story(cached_sites, raids)

    unchanged = varnish.get(old_path, COALITION_HOST)
    assert (unchanged.status, unchanged.cache) == (200, "HIT")
    assert old.title in unchanged.text
    assert everywhere_shows(varnish, listing_it, TITLE) == []
    # Once the new copy is in, nobody gets the old one: the next visitors get it from the cache.
    for host, path in listing_it:
        again = varnish.get(path, host)
        assert (again.cache, TITLE in again.text) == ("HIT", True), (host, path)
    assert varnish.fresh(STORY_PATH, COALITION_HOST).status == 200


def test_a_story_pushed_onto_page_two_is_there(varnish, cached_sites, raids):
    press = cached_sites.coalition_press
    press.per_page = 5
    press.save_revision().publish()
    for day in range(1, 6):
        new_story(cached_sites, raids, f"Older statement {day}", date=datetime.date(2024, 1, day))
    warm(varnish, [(COALITION_HOST, "/press/?page=1"), (COALITION_HOST, "/press/?topic=raids&page=1")])
    assert varnish.get("/press/?page=2", COALITION_HOST).status == 404

    new_story(cached_sites, raids)  # newest: the oldest moves to page 2

    assert TITLE in varnish.fresh("/press/?page=1", COALITION_HOST).text
    assert TITLE in varnish.fresh("/press/?topic=raids&page=1", COALITION_HOST).text
    page_two = varnish.fresh("/press/?page=2", COALITION_HOST)
    assert page_two.status == 200
    assert "Older statement 1" in page_two.text


def test_editing_reverting_and_unpublishing_reach_every_address(varnish, cached_sites, raids):
    story = new_story(cached_sites, raids)
    first_revision = story.live_revision
    warm(varnish, EVERYWHERE + [(COALITION_HOST, STORY_PATH)])

    draft = story.get_latest_revision_as_object()
    draft.title = "Coalition condemns the raids in Fresno"
    draft.save_revision().publish()
    assert everywhere_shows(varnish, EVERYWHERE + [(COALITION_HOST, STORY_PATH)], "raids in Fresno") == []

    # Revert to the first revision and publish it, as the admin's "Revert" does.
    first_revision.publish()
    assert nowhere_shows(varnish, EVERYWHERE, "raids in Fresno") == []
    assert everywhere_shows(varnish, EVERYWHERE, TITLE) == []

    StoryPage.objects.get(pk=story.pk).unpublish()
    assert nowhere_shows(varnish, EVERYWHERE, TITLE, at_once=True) == []
    assert varnish.get(STORY_PATH, COALITION_HOST).status == 404


def add_draft_story(sites, topic, **fields):
    """The coalition's story TITLE about ``topic``, signed by CIPC, not live (not yet published)."""
    story = StoryPage(
        title=TITLE,
        date=datetime.date(2024, 5, 1),
        category=sites.statement,
        summary="The coalition condemns the raids.",
        body=[block("paragraph", "<p>Body text.</p>")],
        live=False,
        **fields,
    )
    story.topics = [topic]
    sites.coalition_press.add_child(instance=story)
    story.signatories.create(organization=sites.cipc_org, sort_order=0)
    return story


def test_scheduled_go_live_and_expiry_reach_every_address(varnish, cached_sites, raids):
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    story = add_draft_story(cached_sites, raids, go_live_at=go_live_at)
    story.save_revision().publish()  # scheduled, not live
    warm(varnish, EVERYWHERE)

    later = go_live_at + datetime.timedelta(minutes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        call_command("publish_scheduled")
    assert everywhere_shows(varnish, EVERYWHERE, TITLE) == []

    StoryPage.objects.filter(pk=story.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    assert nowhere_shows(varnish, EVERYWHERE, TITLE, at_once=True) == []


def test_a_moderators_approval_reaches_every_address(varnish, cached_sites, raids):
    users = team_members(cached_sites)
    story = add_draft_story(cached_sites, raids)
    story.save_revision(user=users["iceout-editor"])
    story.get_workflow().start(story, users["iceout-editor"])
    warm(varnish, EVERYWHERE)

    moderator = Client()
    moderator.force_login(users["iceout-moderator"])
    task_state = StoryPage.objects.get(pk=story.pk).current_workflow_task_state
    approved = moderator.post(f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert approved.status_code in (200, 302)
    assert StoryPage.objects.get(pk=story.pk).live

    assert everywhere_shows(varnish, EVERYWHERE, TITLE) == []


def test_moving_copying_and_deleting_reach_both_sites(varnish, cached_sites, raids):
    story = new_story(cached_sites, raids)
    cipc_room = [(CIPC_HOST, "/press/"), (CIPC_HOST, "/press/?year=2024")]
    warm(varnish, EVERYWHERE + [(COALITION_HOST, STORY_PATH), (CIPC_HOST, STORY_PATH)])

    # Moved to CIPC's press room: gone from the coalition's site, at its new address on CIPC's.
    story.move(cached_sites.cipc_press, pos="last-child")
    assert nowhere_shows(varnish, [(COALITION_HOST, path) for path in COALITION_ADDRESSES], TITLE) == []
    assert varnish.fresh(STORY_PATH, COALITION_HOST).status == 404
    assert varnish.fresh(STORY_PATH, CIPC_HOST).status == 200

    # Copied (and published) back into the coalition's press room.
    StoryPage.objects.get(pk=story.pk).copy(
        to=cached_sites.coalition_press,
        update_attrs={"title": "Coalition condemns raids (copy)", "slug": "coalition-condemns-raids"},
        keep_live=True,
    )
    assert "Coalition condemns raids (copy)" in varnish.fresh("/press/", COALITION_HOST).text
    assert varnish.fresh(STORY_PATH, COALITION_HOST).status == 200

    # Deleted: both gone from everywhere.
    StoryPage.objects.filter(title__startswith=TITLE).delete()
    assert nowhere_shows(varnish, EVERYWHERE + cipc_room, TITLE, at_once=True) == []
    assert varnish.get(STORY_PATH, COALITION_HOST).status == 404
    assert varnish.get(STORY_PATH, CIPC_HOST).status == 404


def test_a_privacy_change_reaches_the_story_and_its_listings(varnish, cached_sites, raids):
    story = new_story(cached_sites, raids)
    warm(varnish, EVERYWHERE + [(COALITION_HOST, STORY_PATH)])

    restriction = PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="let me in"
    )
    assert nowhere_shows(varnish, EVERYWHERE, TITLE, at_once=True) == []
    assert "Body text." not in varnish.get(STORY_PATH, COALITION_HOST).text

    restriction.delete()
    assert everywhere_shows(varnish, EVERYWHERE, TITLE) == []
    assert "Body text." in varnish.fresh(STORY_PATH, COALITION_HOST).text


def test_editing_a_shared_snippet_reaches_every_site(varnish, cached_sites, raids):
    person = SpokespersonFactory(
        name="Casey Placeholder", slug="casey-placeholder", organization=cached_sites.sample_org
    )
    new_story(cached_sites, raids, body=[statement(person)])
    pages = EVERYWHERE + [(COALITION_HOST, STORY_PATH)]
    warm(varnish, pages + [(CIPC_HOST, "/press/?spokesperson=casey-placeholder")])

    raids.name = "Immigration raids"
    raids.save()
    assert everywhere_shows(varnish, [(CIPC_HOST, "/press/"), (COALITION_HOST, STORY_PATH)], "Immigration raids") == []

    statement_category = cached_sites.statement
    statement_category.name = "Joint statement"
    statement_category.save()
    assert everywhere_shows(varnish, [(CIPC_HOST, "/press/"), (COALITION_HOST, "/press/")], "Joint statement") == []

    cached_sites.sample_org.name = "Example Immigrant Rights Alliance"
    cached_sites.sample_org.save()
    story_page = varnish.fresh(STORY_PATH, COALITION_HOST)
    assert "Executive Director of the Example Immigrant Rights Alliance" in story_page.text

    person.name = "Casey M. Placeholder"
    person.save()
    assert "Casey M. Placeholder" in varnish.fresh(STORY_PATH, COALITION_HOST).text
    assert "Casey M. Placeholder" in varnish.fresh("/press/?spokesperson=casey-placeholder", CIPC_HOST).text


def test_branding_and_the_cross_listing_setting_reach_their_sites(varnish, cached_sites, raids):
    new_story(cached_sites, raids)
    warm(varnish, EVERYWHERE)

    branding = SiteBranding.objects.get(site=cached_sites.coalition_site)
    branding.name = "ICE Out of California Coalition"
    branding.save()
    # The coalition's own pages, and CIPC's cards for its statements ("From …").
    both_rooms = [(COALITION_HOST, "/press/"), (CIPC_HOST, "/press/")]
    assert everywhere_shows(varnish, both_rooms, "ICE Out of California Coalition") == []

    cipc_room = PressIndexPage.objects.get(pk=cached_sites.cipc_press.pk)
    cipc_room.cross_list_signed_by = None
    cipc_room.save_revision().publish()
    assert nowhere_shows(varnish, [(CIPC_HOST, path) for path in CIPC_ADDRESSES], TITLE) == []
    assert everywhere_shows(varnish, [(COALITION_HOST, "/press/")], TITLE) == []


def test_a_sites_spanish_footer_reaches_its_spanish_pages(varnish, cached_sites):
    translate_press_sites(cached_sites)
    spanish = [(COALITION_HOST, "/es/"), (COALITION_HOST, "/es/press/")]
    warm(varnish, spanish)

    branding = SiteBranding.objects.get(site=cached_sites.coalition_site)
    SiteBrandingText.objects.create(branding=branding, language="es", footer_text="<p>Un pie de muestra.</p>")

    assert everywhere_shows(varnish, spanish, "Un pie de muestra.") == []


def test_a_room_that_also_lists_another_room_is_purged_with_it(varnish, cached_sites, raids):
    cipc_room = PressIndexPage.objects.get(pk=cached_sites.cipc_press.pk)
    cipc_room.cross_list_signed_by = None  # listed because of the room, not a signature
    cipc_room.also_list_rooms.add(cached_sites.coalition_press)
    cipc_room.save_revision().publish()
    network = OrganizationFactory(name="Sample Network", slug="sample-network")  # a snippet save purges all
    warm(varnish, [(CIPC_HOST, "/press/")])

    new_story(cached_sites, raids, signatories=[network])

    assert everywhere_shows(varnish, [(CIPC_HOST, "/press/")], TITLE) == []


def test_changing_the_install_defaults_reaches_a_site_that_falls_back_on_them(varnish, cached_sites):
    branding = SiteBranding.objects.get(site=cached_sites.coalition_site)
    branding.primary_colour = ""  # the coalition now uses the install's colour
    branding.save()
    warm(varnish, [(COALITION_HOST, "/press/")])

    defaults = InstallDefaults.load()
    defaults.primary_colour = "#123456"
    defaults.save()

    assert "--brand: #123456" in varnish.fresh("/press/", COALITION_HOST).text


def test_adding_a_redirect_replaces_a_cached_not_found(varnish, cached_sites):
    varnish.get("/old-statements/", COALITION_HOST)
    cached = varnish.get("/old-statements/", COALITION_HOST)
    assert (cached.status, cached.cache) == (404, "HIT")

    redirect = Redirect.add_redirect("/old-statements", redirect_to="/press/", site=cached_sites.coalition_site)
    moved = varnish.fresh("/old-statements/", COALITION_HOST)
    assert moved.status == 301
    assert moved.headers["Location"].endswith("/press/")

    varnish.get("/old-statements/", COALITION_HOST)
    redirect.delete()
    assert varnish.fresh("/old-statements/", COALITION_HOST).status == 404


def test_changes_made_in_the_admin_reach_every_address(varnish, cached_sites, raids):
    users = team_members(cached_sites)
    person = SpokespersonFactory(name="Casey Placeholder", organization=cached_sites.sample_org)
    admin = Client()
    admin.force_login(users["cipc-moderator"])
    warm(varnish, [(CIPC_HOST, path) for path in CIPC_ADDRESSES])

    # A CIPC moderator publishes a statement from the editor.
    data = story_form_data(category=cached_sites.statement, spokesperson=person, action="publish", date="2024-05-01")
    admin.post(f"/admin/pages/add/press/storypage/{cached_sites.cipc_press.pk}/", data)
    story = StoryPage.objects.get(slug="statement-on-the-emergency-declaration")
    assert story.live
    title = "Statement on the emergency declaration"
    assert everywhere_shows(varnish, [(CIPC_HOST, path) for path in ["/", "/press/", "/press/feed/"]], title) == []

    # Renames the category in the press directory.
    admin.post(
        f"/admin/snippets/core/category/edit/{cached_sites.statement.pk}/",
        {"name": "Statement of record", "slug": "statement"},
    )
    assert "Statement of record" in varnish.fresh("/press/", CIPC_HOST).text

    # Unpublishes the story, then deletes it.
    admin.post(f"/admin/pages/{story.pk}/unpublish/")
    assert title not in varnish.get("/press/", CIPC_HOST).text
    story.save_revision().publish()
    assert title in varnish.fresh("/press/", CIPC_HOST).text
    admin.post(f"/admin/pages/{story.pk}/delete/")
    assert not StoryPage.objects.filter(pk=story.pk).exists()
    assert title not in varnish.get("/press/", CIPC_HOST).text


def test_an_unreachable_varnish_never_stops_an_editor_saving(varnish, cached_sites, raids, settings, caplog):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "frontcache.backends.VarnishBackend", "LOCATION": "http://127.0.0.1:9", "TIMEOUT": 1}
    }
    started = time.monotonic()
    story = new_story(cached_sites, raids)
    assert time.monotonic() - started < 5
    assert StoryPage.objects.get(pk=story.pk).live
    # The operator hears about it.
    assert "Couldn't purge keys" in caplog.text


def test_an_operator_can_empty_the_cache_after_changes_made_behind_the_apps_back(varnish, cached_sites, raids):
    story = new_story(cached_sites, raids)
    warm(varnish, EVERYWHERE)
    # A bulk update sends no signal, so nothing is purged…
    StoryPage.objects.filter(pk=story.pk).update(title="Coalition condemns raids, updated in bulk")
    assert "updated in bulk" not in varnish.get("/press/", COALITION_HOST).text

    call_command("purge_frontend_cache")
    assert everywhere_shows(varnish, EVERYWHERE, "updated in bulk") == []


def test_a_rooms_media_contacts_reach_its_room_home_stories_and_vcards(varnish, cached_sites, raids):
    """The contacts a room shows on itself, its site's home page and under its stories: a new
    contact list (published on the room) and a contact's own edit both reach every one."""
    from press.models import PressRoomContact

    new_story(cached_sites, raids)
    person = SpokespersonFactory(name="Sam Example", slug="sam-example", organization=cached_sites.sample_legal_org)
    pages = [(COALITION_HOST, "/"), (COALITION_HOST, "/press/"), (COALITION_HOST, STORY_PATH)]
    warm(varnish, pages)
    assert nowhere_shows(varnish, pages, "Sam Example") == []

    room = PressIndexPage.objects.get(pk=cached_sites.coalition_press.pk)
    room.media_contacts = [PressRoomContact(spokesperson=person)]
    room.save_revision().publish()
    assert everywhere_shows(varnish, pages, "Sam Example") == []

    warm(varnish, pages + [(COALITION_HOST, "/contacts/sam-example.vcf")])
    person.press_phone = "(510) 555-0199"
    person.save()
    assert everywhere_shows(varnish, pages, "(510) 555-0199") == []
    assert "TEL;TYPE=WORK,VOICE:(510) 555-0199" in varnish.fresh("/contacts/sam-example.vcf", COALITION_HOST).text


def test_the_media_contacts_page_shows_a_rooms_and_a_contacts_change_at_once(varnish, cached_sites):
    person, _jordan = example_contacts()
    room = PressIndexPage.objects.get(pk=cached_sites.coalition_press.pk)
    room.media_contacts = [PressRoomContact(spokesperson=person, hours="Weekdays", sort_order=0)]
    room.save_revision().publish()
    contacts = [(COALITION_HOST, "/press/contacts/")]
    warm(varnish, contacts)

    room = PressIndexPage.objects.get(pk=room.pk)
    room.after_hours_phone = "(213) 555-0199"
    room.save_revision().publish()
    assert everywhere_shows(varnish, contacts, "(213) 555-0199") == []

    person.press_phone = "(213) 555-0177"
    person.save_revision().publish()
    assert everywhere_shows(varnish, contacts, "(213) 555-0177") == []
