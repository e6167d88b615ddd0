"""Sites showing the demo say so: a "Sample content" note on every public page, which a
visitor can dismiss, switched on by SAMPLE_CONTENT_NOTICE (on in `make run`, off in production)."""

import pytest
from django.test import SimpleTestCase, TestCase, override_settings

from tests.factories import make_story
from tests.project.test_settings import PRODUCTION_ENV, django_run
from tests.sites import CIPC_HOST, COALITION_HOST, build_press_sites

NOTE = "Sample content."


class SampleNoticeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.sites = build_press_sites()
        cls.story = make_story(cls.sites.coalition_press, "Coalition statement")

    def pages(self):
        return [(CIPC_HOST, "/"), (COALITION_HOST, "/"), (COALITION_HOST, "/press/coalition-statement/")]

    @override_settings(SAMPLE_CONTENT_NOTICE=True)
    def test_every_public_page_says_its_content_is_sample_content(self):
        for host, path in self.pages():
            with self.subTest(host=host, path=path):
                response = self.client.get(path, HTTP_HOST=host)
                self.assertContains(response, f'<strong id="sample-notice-title">{NOTE}</strong>', html=True)
                self.assertContains(response, "Example Immigrant Rights Network are fictional")
                # No inline style attribute in any tag (the policy refuses them); a page may still
                # show code that has one as text (the member widget's snippet, escaped).
                self.assertNotRegex(response.content.decode(), r"<[a-zA-Z][^<>]*\sstyle=")

    @override_settings(SAMPLE_CONTENT_NOTICE=False)
    def test_sites_without_the_setting_show_no_note(self):
        for host, path in self.pages():
            with self.subTest(host=host, path=path):
                self.assertNotContains(self.client.get(path, HTTP_HOST=host), NOTE)


class SampleNoticeSettingTests(SimpleTestCase):
    def read_setting(self, module, **env):
        result = django_run(
            "from django.conf import settings; print(settings.SAMPLE_CONTENT_NOTICE)",
            DJANGO_SETTINGS_MODULE=module,
            **env,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout.strip()

    def test_on_in_make_run_and_off_in_production_unless_asked_for(self):
        self.assertEqual(self.read_setting("config.settings.dev"), "True")
        self.assertEqual(self.read_setting("config.settings.dev", SAMPLE_CONTENT_NOTICE="false"), "False")
        self.assertEqual(self.read_setting("config.settings.production", **PRODUCTION_ENV), "False")
        production_with_demo = {**PRODUCTION_ENV, "SAMPLE_CONTENT_NOTICE": "true"}  # make stack
        self.assertEqual(self.read_setting("config.settings.production", **production_with_demo), "True")


@pytest.mark.browser
def test_visitor_dismisses_the_sample_note_and_it_stays_dismissed(live_sites, page, settings, screenshot):
    settings.SAMPLE_CONTENT_NOTICE = True
    sites, _cipc_url, coalition_url = live_sites
    make_story(sites.coalition_press, "Coalition statement")
    note = page.locator("[data-sample-notice]")

    page.goto(f"{coalition_url}/")
    assert note.is_visible()
    screenshot(page, "demo-honest-sample-note")
    page.get_by_role("button", name="Dismiss").click()
    assert note.is_hidden()

    page.goto(f"{coalition_url}/press/coalition-statement/")
    assert page.get_by_role("heading", name="Coalition statement").is_visible()
    assert note.is_hidden()
