"""Every page type renders on its own site, and editors can only build sensible trees."""

from django.test import TestCase
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from coalition.models import CoalitionHomePage
from home.models import HomePage
from press.models import PressIndexPage, StoryPage
from tests.factories import SpokespersonFactory, make_story, statement
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites


class PageRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        person = SpokespersonFactory(name="Casey Placeholder", organization=cls.sites.sample_org)
        cls.cipc_story = make_story(
            cls.sites.cipc_press,
            "CIPC praises Ninth Circuit ruling",
            body=[statement(person)],
            dateline="Sacramento, CA",
            subtitle="A win for immigrant families",
        )
        cls.coalition_story = make_story(
            cls.sites.coalition_press, "ICE should not politicize tragedy", signatories=cls.sites.members
        )

    def get(self, host, path):
        return self.client.get(path, HTTP_HOST=host)

    def test_cipc_home_page_shows_intro_and_latest_stories(self):
        response = self.get(CIPC_HOST, "/")
        self.assertContains(response, '<h1 class="hero__title">California Immigrant Policy Center</h1>', html=False)
        self.assertContains(response, "CIPC praises Ninth Circuit ruling")
        self.assertContains(response, 'href="/press/"')

    def test_coalition_home_page_lists_members_and_latest_stories(self):
        response = self.get(COALITION_HOST, "/")
        self.assertContains(response, "Member organizations")
        for org in self.sites.members:
            self.assertContains(response, org.name)
        self.assertContains(response, "ICE should not politicize tragedy")

    def test_press_rooms_render_on_their_sites(self):
        for host, title in [
            (CIPC_HOST, "CIPC praises Ninth Circuit ruling"),
            (COALITION_HOST, "ICE should not politicize tragedy"),
        ]:
            with self.subTest(host=host):
                response = self.get(host, "/press/")
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, title)

    def test_story_pages_render_with_dateline_subtitle_and_lead_in(self):
        response = self.get(CIPC_HOST, "/press/cipc-praises-ninth-circuit-ruling/")
        self.assertContains(response, "SACRAMENTO, CA")
        self.assertContains(response, "A win for immigrant families")
        self.assertContains(
            response,
            "Casey Placeholder, Executive Director of the Example Immigrant Rights Network, "
            "issued the following statement:",
        )

    def test_coalition_story_names_its_signatories(self):
        response = self.get(COALITION_HOST, "/press/ice-should-not-politicize-tragedy/")
        self.assertContains(response, "Signed by")
        self.assertContains(response, "ACLU of California")

    def test_site_roots_and_press_rooms_preview_in_the_editor(self):
        for page in [self.sites.cipc_home, self.sites.coalition_home, self.sites.cipc_press]:
            with self.subTest(page=page.title):
                self.assertPageIsPreviewable(page.specific)

    def test_branding_comes_from_the_site_being_viewed(self):
        self.assertContains(self.get(COALITION_HOST, "/"), "--brand: #3b1f5c")
        self.assertContains(self.get(CIPC_HOST, "/"), "--brand: #1d4f91")


class PageTreeRulesTests(WagtailPageTestCase):
    def test_site_roots_only_under_the_tree_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(Page, CoalitionHomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(PressIndexPage, CoalitionHomePage)

    def test_press_rooms_only_under_a_site_root(self):
        self.assertAllowedParentPageTypes(PressIndexPage, {HomePage, CoalitionHomePage})
        self.assertCanNotCreateAt(Page, PressIndexPage)
        self.assertCanNotCreateAt(PressIndexPage, PressIndexPage)

    def test_stories_only_in_a_press_room_and_have_no_children(self):
        self.assertAllowedParentPageTypes(StoryPage, {PressIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, set())
        self.assertAllowedSubpageTypes(PressIndexPage, {StoryPage})

    def test_a_site_root_holds_one_press_room(self):
        sites = build_press_sites()
        self.assertFalse(PressIndexPage.can_create_at(sites.cipc_home))
        self.login()
        # The editor's "Add child page" for a press room goes straight to a new story.
        response = self.client.get(f"/admin/pages/{sites.cipc_press.pk}/add_subpage/")
        self.assertRedirects(
            response,
            f"/admin/pages/add/press/storypage/{sites.cipc_press.pk}/",
            fetch_redirect_response=False,
        )


class ReservedSlugTests(WagtailPageTestCase):
    def test_a_press_room_cannot_take_an_address_the_site_uses_itself(self):
        from wagtail.test.utils.form_data import nested_form_data, rich_text

        sites = build_press_sites()
        sites.coalition_press.delete()
        self.login()
        for slug in ("search", "embargoed", "admin", "people"):  # people/: the site root's spokesperson pages
            with self.subTest(slug=slug):
                response = self.client.post(
                    f"/admin/pages/add/press/pressindexpage/{sites.coalition_home.pk}/",
                    nested_form_data(
                        {
                            "title": "Newsroom",
                            "slug": slug,
                            "intro": rich_text(""),
                            "per_page": 20,
                            "action-publish": "publish",
                        }
                    ),
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("is taken by the site itself", str(response.context["form"].errors["slug"]))
                self.assertContains(response, 'value="Newsroom"')
        self.assertFalse(PressIndexPage.objects.child_of(sites.coalition_home).exists())


class InstallDefaultsTests(WagtailPageTestCase):
    """Install-wide fallbacks (Settings → Install defaults) fill what a site's branding leaves empty."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_a_site_without_its_own_name_or_colours_uses_the_install_defaults(self):
        from core.models import InstallDefaults, SiteBranding

        defaults = InstallDefaults.load()
        self.assertEqual((defaults.name, defaults.accent_colour), ("Press room", "#a4262c"))
        SiteBranding.objects.filter(site=self.sites.coalition_site).update(name="", primary_colour="", accent_colour="")
        defaults.name, defaults.primary_colour, defaults.accent_colour = "Press rooms of CIPC", "#102a43", "#7a1f24"
        defaults.save()
        response = self.client.get("/", HTTP_HOST=COALITION_HOST)
        self.assertContains(response, "--brand: #102a43; --accent: #7a1f24;")
        self.assertContains(response, '<span class="site-header__name">Press rooms of CIPC</span>')
        self.assertContains(response, "| Press rooms of CIPC</title>")
        # A site with its own colours keeps them; a new site's branding starts with the templates' accent.
        self.assertContains(self.client.get("/", HTTP_HOST=CIPC_HOST), "--brand: #1d4f91; --accent: #a4262c;")


class HomePageTitleTests(TestCase):
    """A home page says its site's name once in its title; other pages say where they are."""

    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()

    def test_home_pages_say_their_name_once_in_the_title(self):
        for host, name in [
            (CIPC_HOST, "California Immigrant Policy Center"),
            (COALITION_HOST, "ICE Out of California"),
        ]:
            with self.subTest(host=host):
                response = self.client.get("/", HTTP_HOST=host)
                self.assertContains(response, f"<title>{name}</title>")
        # Other pages still say where they are.
        self.assertContains(self.client.get("/press/", HTTP_HOST=CIPC_HOST), "<title>Press room | California")
