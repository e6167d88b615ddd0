"""A press room's filter counts over all its stories are kept in a table that publishing
recounts (``press.models.facet_counts``): what a visitor sees must follow every change to what
the room lists, on the very next visit."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import PageViewRestriction

from press.models import PressIndexPage, RoomFacetCount, StoryPage
from tests.factories import SpokespersonFactory, TopicFactory, make_story, statement
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

JAN = datetime.date(2019, 1, 15)


def option(value, label, count):
    return f'<option value="{value}">{label} ({count})</option>'


class FacetCountsFollowChanges(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.topic = TopicFactory(name="Detention", slug="detention")
        cls.person = SpokespersonFactory(name="Ana Reyes", organization=cls.sites.sample_org)
        for n in range(2):
            body = [statement(cls.person)]
            make_story(cls.sites.cipc_press, f"CIPC story {n}", date=JAN, topics=[cls.topic], body=body)

    def room(self, host=CIPC_HOST, query=""):
        response = self.client.get(f"/press/{query}", HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return response

    def assert_offers(self, response, *options):
        for value, label, count in options:
            self.assertContains(response, option(value, label, count), html=True)

    def test_a_published_story_is_counted_on_the_next_visit(self):
        self.assert_offers(self.room(), ("2019", "2019", 2), ("detention", "Detention", 2))
        make_story(self.sites.cipc_press, "A third", date=JAN, topics=[self.topic])
        self.assert_offers(self.room(), ("2019", "2019", 3), ("detention", "Detention", 3))
        make_story(self.sites.cipc_press, "From 2020", date=datetime.date(2020, 3, 1))
        self.assert_offers(self.room(), ("2020", "2020", 1), ("2019", "2019", 3))

    def test_a_publish_recounts_only_the_rooms_that_list_the_story(self):
        make_story(self.sites.coalition_press, "A coalition story", date=JAN, topics=[self.topic])
        coalition_rows = RoomFacetCount.objects.filter(room=self.sites.coalition_press).order_by("pk")
        before = list(coalition_rows.values_list("pk", "kind", "value", "n"))
        make_story(self.sites.cipc_press, "Another CIPC story", date=JAN, topics=[self.topic])
        # The coalition's room lists nothing of CIPC's: its counts were left as they were (the
        # same rows, not rewritten), and are still right.
        self.assertEqual(list(coalition_rows.values_list("pk", "kind", "value", "n")), before)
        self.assert_offers(self.room(COALITION_HOST), ("2019", "2019", 1), ("detention", "Detention", 1))
        self.assert_offers(self.room(), ("2019", "2019", 3), ("detention", "Detention", 3))

    def test_an_unpublished_story_is_no_longer_counted(self):
        story = StoryPage.objects.child_of(self.sites.cipc_press).first()
        story.unpublish()
        self.assert_offers(self.room(), ("2019", "2019", 1), ("detention", "Detention", 1))
        for other in StoryPage.objects.child_of(self.sites.cipc_press).live():
            other.unpublish()
        response = self.room()
        self.assertNotContains(response, 'value="detention"')
        self.assertNotContains(response, 'value="2019"')

    def test_a_private_story_is_no_longer_counted_and_is_again_once_public(self):
        story = StoryPage.objects.child_of(self.sites.cipc_press).first()
        restriction = PageViewRestriction.objects.create(page=story, restriction_type="password", password="x1y2z3")
        self.assert_offers(self.room(), ("2019", "2019", 1), ("detention", "Detention", 1))
        restriction.delete()
        self.assert_offers(self.room(), ("2019", "2019", 2), ("detention", "Detention", 2))

    def test_a_private_room_counts_nothing_for_the_rooms_that_cross_list_it(self):
        make_story(self.sites.coalition_press, "Signed by CIPC", date=JAN, signatories=[self.sites.cipc_org])
        self.assert_offers(self.room(), ("2019", "2019", 3))
        PageViewRestriction.objects.create(page=self.sites.coalition_press, restriction_type="password", password="p")
        self.assert_offers(self.room(), ("2019", "2019", 2))

    def test_a_deleted_story_is_no_longer_counted(self):
        StoryPage.objects.child_of(self.sites.cipc_press).first().delete()
        self.assert_offers(self.room(), ("2019", "2019", 1), ("detention", "Detention", 1))

    def test_a_moved_story_is_counted_in_its_new_room(self):
        story = StoryPage.objects.child_of(self.sites.cipc_press).first()
        story.move(PressIndexPage.objects.get(pk=self.sites.coalition_press.pk), pos="last-child")
        self.assert_offers(self.room(), ("2019", "2019", 1))
        self.assert_offers(self.room(COALITION_HOST), ("2019", "2019", 1), ("detention", "Detention", 1))

    def test_cross_listing_follows_a_story_s_signatories_and_the_room_s_settings(self):
        signed = make_story(self.sites.coalition_press, "Signed", date=JAN, signatories=[self.sites.cipc_org])
        self.assert_offers(self.room(), ("2019", "2019", 3), ("cipc", "California Immigrant Policy Center", 1))
        signed.signatories = []
        signed.save_revision().publish()
        self.assert_offers(self.room(), ("2019", "2019", 2))
        self.assertNotContains(self.room(), 'value="cipc"')
        cipc_room = PressIndexPage.objects.get(pk=self.sites.cipc_press.pk)
        cipc_room.also_list_rooms = [self.sites.coalition_press]
        cipc_room.save_revision().publish()
        self.assert_offers(self.room(), ("2019", "2019", 3))

    def test_a_spokesperson_who_changes_organisation_is_counted_for_the_new_one(self):
        network = ("example-immigrant-rights-network", "Example Immigrant Rights Network", 2)
        self.assert_offers(self.room(), network)
        self.person.organization = self.sites.sample_legal_org
        self.person.save_revision().publish()
        response = self.room()
        self.assert_offers(response, ("sample-legal-aid-network", "Sample Legal Aid Network", 2))
        self.assertNotContains(response, 'value="example-immigrant-rights-network"')

    def test_a_filtered_room_counts_the_filtered_stories(self):
        make_story(self.sites.cipc_press, "From 2020", date=datetime.date(2020, 3, 1))
        response = self.room(query="?year=2020")
        self.assertContains(response, '<option value="2020" selected>2020 (1)</option>', html=True)
        self.assertNotContains(response, 'value="detention"')
        self.assert_offers(response, ("2019", "2019", 2))  # the year facet counts the other filters only

    def test_a_room_never_counted_is_counted_as_it_is_shown(self):
        RoomFacetCount.objects.all().delete()  # e.g. just after the migration
        self.assert_offers(self.room(), ("2019", "2019", 2), ("detention", "Detention", 2))

    def test_a_change_behind_wagtail_s_back_shows_once_the_rooms_are_recounted(self):
        StoryPage.objects.child_of(self.sites.cipc_press).update(date=datetime.date(2018, 5, 1))
        self.assert_offers(self.room(), ("2019", "2019", 2))  # no signal: the kept counts stand
        call_command("count_facets", stdout=open("/dev/null", "w"))  # noqa: SIM115
        response = self.room()
        self.assert_offers(response, ("2018", "2018", 2))
        self.assertNotContains(response, 'value="2019"')


class DeletingARoomWithItsStories(TestCase):
    """Deleting a whole site's pages (a coalition that leaves) or a press room takes its stories
    with it; the recount their deletion starts must not write counts for the room that is going."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        for n in range(2):
            make_story(cls.sites.coalition_press, f"Coalition story {n}", date=JAN)
        make_story(cls.sites.cipc_press, "A CIPC story", date=JAN, signatories=[cls.sites.cipc_org])

    def test_deleting_a_press_room_with_its_stories_in_the_admin_works_and_leaves_the_other_room_counted(self):
        from wagtail.models import Page

        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "a-long-test-password")
        self.client.force_login(admin)
        room = self.sites.coalition_press
        response = self.client.post(f"/admin/pages/{room.pk}/delete/", HTTP_HOST=CIPC_HOST)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Page.objects.filter(pk=room.pk).exists())
        self.assertFalse(StoryPage.objects.filter(title__startswith="Coalition story").exists())
        self.assertFalse(RoomFacetCount.objects.filter(room_id=room.pk).exists())
        self.client.logout()
        self.assert_cipc_counts_one()

    def test_deleting_a_whole_site_s_home_page_works(self):
        from wagtail.models import Page

        home = self.sites.coalition_home
        Page.objects.get(pk=home.pk).delete()
        self.assertFalse(PressIndexPage.objects.filter(pk=self.sites.coalition_press.pk).exists())
        self.assert_cipc_counts_one()

    def assert_cipc_counts_one(self):
        response = self.client.get("/press/", HTTP_HOST=CIPC_HOST)
        self.assertContains(response, option("2019", "2019", 1), html=True)
