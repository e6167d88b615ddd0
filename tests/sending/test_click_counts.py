"""Click counts on a release send, when the moderator turns them on: the story's and the PDF's
links go through a signed redirect on the site that counts clicks per send and link (never per
reader), redirects only to that send's own links, sets no cookie and is never cached; the
counts show on the send's page. Off (the default), the links go straight to the story."""

import re
from urllib.parse import urlsplit

from django.core import signing

from releases_out import clicks
from releases_out.models import Send, SendLink
from tests.mail import html_part, text_part
from tests.sending.test_release_sends import SendTestCase, send_numbers
from tests.sites import COALITION_HOST

CLICK_URL = re.compile(r"http://[^\s\"<>]+/releases/click/[^\s\"<>/]+/")


class ClickCountTests(SendTestCase):
    def ask(self, story, when, lists=None, count_clicks=False):
        data = {"lists": [item.pk for item in lists or [self.spanish]], "when": when}
        if count_clicks:
            data["count_clicks"] = "on"
        return self.client.post(f"/admin/releases/stories/{story.pk}/", data)

    def sent_texts(self, count_clicks=True, lists=None):
        self.ask(self.story, Send.When.NOW, lists=lists, count_clicks=count_clicks)
        self.run_sender()
        return {recipients[0]: message for recipients, message in self.inbox.received}

    def story_click_path(self):
        [message] = self.sent_texts().values()
        text = text_part(message)
        url = re.search(r"The story, with its pictures and documents: (\S+)", text).group(1)
        self.assertRegex(url, CLICK_URL)
        return urlsplit(url).path

    def clicks(self, kind="story"):
        return SendLink.objects.get(kind=kind).clicks

    def click(self, path, method="get", **headers):
        return getattr(self.client, method)(path, HTTP_HOST=COALITION_HOST, **headers)

    def test_off_by_default_the_links_go_straight_to_the_story_and_nothing_is_counted(self):
        form = self.client.get(f"/admin/releases/stories/{self.story.pk}/")
        self.assertContains(form, "Count clicks on links")
        self.assertNotContains(form, 'name="count_clicks" checked')
        message = self.sent_texts(count_clicks=False)["avery@example.org"]
        story_url = f"http://{COALITION_HOST}/press/{self.story.slug}/"
        self.assertIn(f"The story, with its pictures and documents: {story_url}", text_part(message))
        self.assertIn(f'href="{story_url}release.pdf"', html_part(message))
        self.assertNotIn("/releases/click/", text_part(message) + html_part(message))
        self.assertFalse(SendLink.objects.exists())
        page = self.client.get(f"/admin/releases/sends/{Send.objects.get().pk}/")
        self.assertContains(page, "Clicks were not counted for this send")

    def test_on_the_links_go_through_the_redirect_which_counts_each_click_once_and_goes_to_the_story(self):
        received = self.sent_texts(lists=[self.reporters])
        avery, blake = received["avery@example.org"], received["blake@example.net"]
        # The same addresses for every reader: nothing in them names the person.
        links = CLICK_URL.findall(text_part(avery))
        self.assertEqual(len(links), 2)  # the story and its PDF
        self.assertEqual(CLICK_URL.findall(text_part(blake)), links)
        self.assertEqual(set(CLICK_URL.findall(html_part(avery))), set(links))
        self.assertNotIn(f"/press/{self.story.slug}/", text_part(avery))
        for link in links:
            self.assertEqual(set(signing.Signer(salt=clicks.SALT).unsign_object(link.split("/")[-2])), {"s", "l"})
        # The unsubscribe links stay the reader's own.
        self.assertIn("/releases/unsubscribe/", avery["List-Unsubscribe"])
        self.assertRegex(text_part(avery), r"Unsubscribe \(at once, no sign-in\): \S+/releases/unsubscribe/")

        self.client.logout()
        story_path, pdf_path = (urlsplit(link).path for link in links)
        response = self.click(story_path)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], f"http://{COALITION_HOST}/press/{self.story.slug}/")
        self.assertEqual(self.clicks("story"), 1)
        self.click(story_path)
        pdf = self.click(pdf_path)
        self.assertEqual(pdf["Location"], f"http://{COALITION_HOST}/press/{self.story.slug}/release.pdf")
        self.assertEqual((self.clicks("story"), self.clicks("pdf")), (2, 1))
        story = self.client.get(urlsplit(response["Location"]).path, HTTP_HOST=COALITION_HOST)
        self.assertContains(story, "Network opens a legal help line")

    def test_the_redirect_sets_no_cookie_and_is_never_cached(self):
        path = self.story_click_path()
        self.client.logout()
        response = self.click(path)
        self.assertEqual(response.status_code, 302)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertIn("private", response["Cache-Control"])
        self.assertEqual(response.cookies, {})
        self.assertNotIn("Set-Cookie", response.headers)

    def test_link_checkers_and_prefetches_are_redirected_but_not_counted(self):
        path = self.story_click_path()
        self.client.logout()
        head = self.click(path, method="head")
        self.assertEqual(
            (head.status_code, head["Location"]), (302, f"http://{COALITION_HOST}/press/{self.story.slug}/")
        )
        self.assertEqual(self.click(path, HTTP_SEC_PURPOSE="prefetch").status_code, 302)
        self.assertEqual(self.click(path, HTTP_PURPOSE="prefetch").status_code, 302)
        self.assertEqual(self.clicks(), 0)
        self.assertEqual(self.click(path, method="post").status_code, 405)
        self.assertEqual(self.clicks(), 0)

    def test_a_changed_or_foreign_token_is_a_404_and_counts_nothing(self):
        path = self.story_click_path()
        link = SendLink.objects.get(kind="story")
        other_story_send = Send.objects.create(
            story=self.story, site=self.sites.coalition_site, when=Send.When.NOW, count_clicks=True
        )
        other_link = SendLink.objects.create(
            send=other_story_send, kind="story", url="https://elsewhere.example.net/phishing/"
        )
        signer = signing.Signer(salt=clicks.SALT)
        token = path.rstrip("/").rsplit("/", 1)[1]
        self.client.logout()
        for bad in (
            path[:-3] + "xx/",
            "/releases/click/nonsense/",
            "/releases/click/%00/",
            f"/releases/click/{'a' * 300}/",
            f"/releases/click/{token.replace(':', 'x', 1)}/",
            # Signed, but the link is another send's: never a redirect to its address.
            f"/releases/click/{signer.sign_object({'s': link.send_id, 'l': other_link.pk})}/",
            f"/releases/click/{signer.sign_object({'s': link.send_id, 'l': 99999999})}/",
            f"/releases/click/{signer.sign_object({'s': link.send_id, 'u': 'https://evil.example.net/'})}/",
            # Signed for another purpose (an unsubscribe token's salt).
            f"/releases/click/{signing.Signer(salt='releases_out.unsubscribe').sign_object({'s': 1, 'l': 1})}/",
        ):
            with self.subTest(bad[:60]):
                response = self.click(bad)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Location", response.headers)
                self.assertEqual(response.cookies, {})
        self.assertContains(self.click(path[:-3] + "xx/"), "This link does not work", status_code=404)
        self.assertContains(
            self.client.get("/es" + path[:-3] + "xx/", HTTP_HOST=COALITION_HOST),
            "Este enlace no funciona",
            status_code=404,
        )
        # The coalition's link on CIPC's address: not this site's send.
        self.assertEqual(self.client.get(path, HTTP_HOST="localhost").status_code, 404)
        self.assertEqual(SendLink.objects.filter(clicks__gt=0).count(), 0)

    def test_the_embargo_links_are_never_rewritten(self):
        story = self.embargoed_story()
        self.ask(story, Send.When.EMBARGO, count_clicks=True)
        self.run_sender()
        [message] = self.inbox.messages
        self.assertRegex(text_part(message), r"http://[^\s]+/embargoed/[A-Za-z0-9_-]{43}/")
        self.assertNotIn("/releases/click/", text_part(message) + html_part(message))
        self.assertFalse(SendLink.objects.exists())

    def test_the_sends_page_shows_clicks_per_link_and_in_total_to_its_team_only(self):
        path = self.story_click_path()
        send = Send.objects.get()
        self.client.logout()
        for _ in range(3):
            self.click(path)
        self.client.force_login(self.users["iceout-moderator"])
        page = self.client.get(f"/admin/releases/sends/{send.pk}/")
        clicks_table = page.content.decode().split('id="send-clicks"', 1)[1].split("</table>", 1)[0]
        rows = re.findall(r"<tr><t[dh][^>]*>([^<]*)</t[dh]>.*?<strong>(\d+)</strong>", clicks_table)
        self.assertEqual(rows, [("The release as a PDF", "0"), ("The story", "3"), ("Total", "3")])
        self.assertIn(f"http://{COALITION_HOST}/press/{self.story.slug}/", clicks_table)
        self.assertEqual(send_numbers(page)["Sent"], 1)
        sends = self.client.get(f"/admin/releases/stories/{self.story.pk}/")
        self.assertRegex(sends.content.decode(), r"<td>3</td>\s*<td>Done</td>")
        # Another site's moderator: refused, and never shown the counts.
        self.client.force_login(self.users["cipc-moderator"])
        response = self.client.get(f"/admin/releases/sends/{send.pk}/")
        self.assertIn(response.status_code, {302, 403, 404})
        self.assertNotIn("send-clicks", response.content.decode())

    def test_a_click_answers_in_few_queries(self):
        path = self.story_click_path()
        self.client.logout()
        with self.assertNumQueries(3):  # the site, the link (of that send, on that site), the count
            self.assertEqual(self.click(path).status_code, 302)
