"""A journalist reads a story: dateline and date, category and topics linking back to the
filtered listing, contacts, related stories from the same site, sharing and printing."""

from django.core.files.storage import default_storage
from django.test import TestCase
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.models import SiteBranding
from images.models import CreditedImage
from tests.factories import TopicFactory, make_story
from tests.listing_data import build_stories
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

SIGNED = "/press/coalition-defends-the-california-values-act/"


class StoryPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.stories, cls.people = build_stories(cls.sites)

    def story(self, host=COALITION_HOST, path=SIGNED):
        return self.client.get(path, HTTP_HOST=host)

    def test_dateline_date_category_and_body(self):
        response = self.story()
        self.assertContains(response, "SACRAMENTO, CA — July 9, 2018")
        self.assertContains(response, '<a class="label" href="/press/?category=statement">Statement</a>', html=True)
        self.assertContains(response, "Avery Example, Executive Director of the Sample Legal Aid Network")
        self.assertContains(response, "The court got it right.")

    def test_media_contacts_show_phone_and_email(self):
        response = self.story()
        self.assertContains(response, '<h2 class="block-contacts__heading">Media contacts</h2>')
        self.assertContains(response, 'href="mailto:avery-example@example.org"')
        self.assertContains(response, 'href="tel:9165550100"')

    def test_topic_links_lead_to_the_filtered_listing_of_the_same_site(self):
        response = self.story()
        self.assertContains(response, '<a href="/press/?topic=sb-54">SB 54</a>', html=True)
        listing = self.client.get("/press/?topic=sb-54", HTTP_HOST=COALITION_HOST)
        self.assertContains(listing, "2 stories")
        self.assertContains(listing, "Coalition defends the California Values Act")

    def test_related_stories_share_a_topic_and_come_from_the_same_site(self):
        response = self.story()
        self.assertContains(response, "Related stories")
        self.assertContains(response, "Coalition speaks on local policing")  # same site, shares SB 54
        self.assertNotContains(response, "CIPC praises Ninth Circuit ruling")  # shares topics, other site

    def test_at_most_three_related_stories_most_topics_in_common_first(self):
        courts = TopicFactory(name="Courts", slug="courts")
        sb54 = TopicFactory(name="SB 54", slug="sb-54")
        for n in range(4):
            make_story(self.sites.coalition_press, f"Only SB 54 {n}", topics=[sb54])
        make_story(self.sites.coalition_press, "Both topics", topics=[sb54, courts])
        html = self.story().content.decode()
        related = html[html.index("Related stories") :]
        self.assertEqual(related.count('<article class="story-card'), 3)
        self.assertLess(related.index("Both topics"), related.index("Only SB 54"))

    def test_no_related_section_without_topics(self):
        make_story(self.sites.cipc_press, "No topics here")
        self.assertNotContains(self.story(CIPC_HOST, "/press/no-topics-here/"), "Related stories")

    def test_share_by_email_or_copying_the_link(self):
        response = self.story()
        self.assertContains(
            response,
            'href="mailto:?subject=Coalition%20defends%20the%20California%20Values%20Act&amp;body='
            'http%3A%2F%2Ficeout.localhost%2Fpress%2Fcoalition-defends-the-california-values-act%2F"',
        )
        self.assertContains(response, f'value="http://iceout.localhost{SIGNED}" readonly')
        self.assertContains(response, ">Copy link</button>")

    def test_print_stylesheet(self):
        response = self.story()
        self.assertContains(response, '<link rel="stylesheet" href="/static/css/print.css" media="print">')
        css = b"".join(self.client.get("/static/css/print.css", HTTP_HOST=COALITION_HOST).streaming_content)
        self.assertIn(b".share", css)
        self.assertIn(b".site-header", css)


class StoryPreviewTests(WagtailPageTestCase):
    def test_editors_can_preview_a_story_with_related_stories_and_its_press_room(self):
        sites = build_press_sites()
        stories, people = build_stories(sites)
        story = stories["signed"]
        data = nested_form_data(
            {
                "title": story.title,
                "slug": story.slug,
                "date": "2018-07-09",
                "category": str(sites.statement.pk),
                "summary": story.summary,
                "body": streamfield(
                    [("statement", {"spokesperson": people["angela"].pk, "text": rich_text("<p>Preview.</p>")})]
                ),
                "signatories": inline_formset([]),
                "corrections": inline_formset([]),
                "advisory_events": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        data["topics"] = [str(topic.pk) for topic in story.topics.all()]
        self.assertPageIsPreviewable(story, post_data=data)
        self.assertPageIsPreviewable(sites.coalition_press)
        self.assertPageIsRenderable(sites.coalition_press, query_data={"topic": "sb-54", "year": "2018"})


class LostImageFileTests(TestCase):
    """A picture whose file is gone (a lost upload, a bucket out of step with the database) costs
    the page that picture, never the page."""

    def test_pages_still_answer_when_the_logo_and_a_listing_images_files_are_missing(self):
        sites = build_press_sites()
        logo = CreditedImage.objects.create(title="Logo", file=get_test_image_file(filename="logo.png"))
        picture = CreditedImage.objects.create(title="Rally", file=get_test_image_file(filename="rally.png"))
        branding, _ = SiteBranding.objects.get_or_create(site=sites.coalition_site)
        branding.logo = logo
        branding.save()
        story = make_story(sites.coalition_press, "Coalition statement with a lost picture", listing_image=picture)
        default_storage.delete(logo.file.name)
        default_storage.delete(picture.file.name)

        for path in ("/", "/press/", f"/press/{story.slug}/", "/press/feed/"):
            with self.subTest(path=path):
                response = self.client.get(path, HTTP_HOST=COALITION_HOST)
                self.assertEqual(response.status_code, 200)
        page = self.client.get(f"/press/{story.slug}/", HTTP_HOST=COALITION_HOST).content.decode()
        self.assertIn("Coalition statement with a lost picture", page)
        self.assertNotIn("og:image", page)
