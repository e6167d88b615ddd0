"""Email alerts in Spanish: a sign-up from /es/alerts/ is confirmed, alerted and unsubscribed in
Spanish (emails, confirmation page and alerts); an English sign-up keeps its English addresses;
the alert pages' language switcher leads between the two."""

import re

from django.core import mail
from django.core.management import call_command

from alerts.models import Alert, Subscription
from tests.factories import TopicFactory, make_story
from tests.languages.spanish_coalition import SpanishCoalitionTestCase, switcher_links
from tests.sites import COALITION_HOST, translate

LINK = re.compile(r"http://[^\s\"<>]+/alerts/(?:confirm|unsubscribe)/[^\s\"<>/]+/")


class SpanishAlertsTests(SpanishCoalitionTestCase):
    def sign_up(self, path, email):
        return self.client.post(path, {"email": email}, HTTP_HOST=COALITION_HOST, REMOTE_ADDR="192.0.2.7")

    def follow(self, link):
        host, path = link.removeprefix("http://").split("/", 1)
        page = self.client.get(f"/{path}", HTTP_HOST=host)
        self.assertEqual(page.status_code, 200)
        return page.content.decode(), self.client.post(f"/{path}", HTTP_HOST=host).content.decode()

    def test_a_spanish_sign_up_is_confirmed_and_alerted_in_spanish(self):
        page = self.sign_up("/es/alerts/", "periodista@example.org")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Revise su bandeja de entrada")
        self.assertContains(page, '<html lang="es"')
        subscription = Subscription.objects.get(email="periodista@example.org")
        self.assertEqual(subscription.language, "es")

        [confirmation] = mail.outbox
        self.assertEqual(confirmation.subject, "Confirme sus alertas por correo electrónico de ICE Out of California")
        self.assertIn("Alguien, esperamos que usted, pidió alertas por correo electrónico", confirmation.body)
        self.assertIn("Para empezar a recibirlas, confirme aquí:", confirmation.body)
        [link] = LINK.findall(confirmation.body)
        self.assertIn("/es/alerts/confirm/", link)
        question, answer = self.follow(link)
        self.assertIn("Confirme sus alertas por correo electrónico", question)
        self.assertIn("Sí, envíenme alertas", question)
        self.assertIn("Ya está suscrito", answer)

        mail.outbox.clear()
        english = make_story(self.sites.coalition_press, "Coalition statement", slug="coalition-statement")
        translate(english, title="Declaración de la coalición", slug="declaracion-de-la-coalicion")
        self.assertEqual(
            [alert.story.title for alert in Alert.objects.filter(subscription=subscription)],
            ["Declaración de la coalición"],
        )
        call_command("send_alerts", verbosity=0)
        [alert] = mail.outbox
        self.assertEqual(alert.subject, "Declaración de la coalición")
        self.assertIn("Léala aquí: http://", alert.body)
        self.assertIn("/es/press/declaracion-de-la-coalicion/", alert.body)
        [unsubscribe] = LINK.findall(alert.body)
        self.assertIn("/es/alerts/unsubscribe/", unsubscribe)
        self.assertIn("/es/alerts/unsubscribe/", alert.extra_headers["List-Unsubscribe"])
        question, answer = self.follow(unsubscribe)
        self.assertIn("¿Dejar de enviar las alertas por correo electrónico de la Sala de prensa", question)
        self.assertIn("Su suscripción está cancelada", answer)

    def test_a_topic_is_confirmed_and_stored_once_in_the_subscribers_language(self):
        topic = TopicFactory(name="SB 54 (California Values Act)", slug="sb-54")
        translate(topic, name="SB 54 (Ley de Valores de California)")
        self.client.post(
            "/es/alerts/",
            {"email": "periodista@example.org", "topic": "sb-54"},
            HTTP_HOST=COALITION_HOST,
            REMOTE_ADDR="192.0.2.7",
        )
        [confirmation] = mail.outbox
        self.assertIn("sobre: SB 54 (Ley de Valores de California)\n", confirmation.body)
        self.assertNotIn("California Values Act", confirmation.body)
        self.assertNotIn("California Values Act", confirmation.alternatives[0][0])
        _question, answer = self.follow(LINK.findall(confirmation.body)[0])
        self.assertIn("sobre SB 54 (Ley de Valores de California).", answer)
        self.assertNotIn("California Values Act", answer)
        # One record (the one stories name), so a story about the topic reaches the subscriber once.
        subscription = Subscription.objects.get(email="periodista@example.org")
        self.assertEqual(list(subscription.topics.all()), [topic])
        story = make_story(self.sites.coalition_press, "About SB 54", topics=[topic])
        translate(story, title="Sobre la SB 54", slug="sobre-la-sb-54")
        self.assertEqual(Alert.objects.filter(subscription=subscription).count(), 1)

    def test_an_english_sign_up_keeps_its_english_addresses(self):
        self.assertContains(self.sign_up("/alerts/", "reporter@example.org"), "Check your inbox")
        self.assertEqual(Subscription.objects.get(email="reporter@example.org").language, "en")
        [confirmation] = mail.outbox
        self.assertTrue(confirmation.subject.startswith("Confirm your email alerts"))
        [link] = LINK.findall(confirmation.body)
        self.assertRegex(link, rf"^http://{re.escape(COALITION_HOST)}(:\d+)?/alerts/confirm/")

    def test_the_alert_pages_language_switcher_leads_between_the_two_addresses(self):
        links = switcher_links(self.get("/alerts/"))
        self.assertTrue(links["es"].endswith("/es/alerts/"))
        self.assertIn(
            "Reciba un correo cada vez que se publique una noticia en la Sala de prensa.", self.get("/es/alerts/")
        )
