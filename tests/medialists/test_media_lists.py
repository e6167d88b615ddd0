"""Media contacts and lists in the admin: each site's team sees and edits its own only, the list
says why a contact is not emailed, and CSV import shows what it will add, update and refuse
before a confirm writes it all at once; broken files get a clear form error, never a 500."""

import csv
import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from medialists import csv_import
from medialists.models import ContactImport, MediaContact, MediaList, Suppression
from tests.editors import TeamsTestCase

IMPORT_URL = "/admin/media-lists/import/"


def csv_bytes(rows, header=("name", "email", "outlet", "language")):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


class MediaListsTestCase(TeamsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.coalition = cls.sites.coalition_site
        cls.courts = MediaList.objects.create(site=cls.coalition, name="LA courts reporters")
        cls.dana = MediaContact.objects.create(
            site=cls.coalition, name="Dana Example", outlet="Example Daily", email="dana@example.org"
        )
        cls.robin = MediaContact.objects.create(
            site=cls.coalition,
            name="Robin Sample",
            outlet="Sample Radio",
            email="robin@example.net",
            suppressed_reason=Suppression.HARD_BOUNCE,
            suppressed_at=timezone.now(),
        )
        cls.courts.contacts.add(cls.dana, cls.robin)
        cls.cipc_contact = MediaContact.objects.create(
            site=cls.sites.cipc_site, name="Casey Other", outlet="Other Weekly", email="casey@example.org"
        )

    def upload(self, data, name="contacts.csv", media_list=None, user="iceout-editor"):
        self.client.force_login(self.users[user])
        fields = {"site": self.coalition.pk, "file": SimpleUploadedFile(name, data, content_type="text/csv")}
        if media_list:
            fields["media_list"] = media_list.pk
        return self.client.post(IMPORT_URL, fields)


class ContactsListTests(MediaListsTestCase):
    def test_the_list_shows_why_a_contact_is_not_emailed(self):
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.get(f"/admin/media-lists/contacts/?list={self.courts.pk}")
        self.assertContains(response, "Dana Example")
        self.assertContains(response, "Not emailed:</strong> Address bounced (hard bounce) on")
        lists = self.client.get("/admin/media-lists/")
        self.assertContains(lists, "LA courts reporters")

    def test_another_sites_team_never_sees_or_reaches_the_contacts(self):
        self.client.force_login(self.users["cipc-moderator"])
        response = self.client.get("/admin/media-lists/contacts/?q=example")
        self.assertContains(response, "Casey Other")
        self.assertNotContains(response, "Dana Example")
        self.assertNotContains(self.client.get("/admin/media-lists/"), "LA courts reporters")
        self.assertEqual(self.client.get(f"/admin/media-lists/contacts/{self.dana.pk}/").status_code, 404)
        response = self.client.post(f"/admin/media-lists/contacts/{self.dana.pk}/", {"delete": "1"})
        self.assertEqual(response.status_code, 404)
        self.assertTrue(MediaContact.objects.filter(pk=self.dana.pk).exists())
        export = self.client.get("/admin/media-lists/contacts/?export=csv")
        body = b"".join(export.streaming_content).decode()
        self.assertIn("casey@example.org", body)
        self.assertNotIn("dana@example.org", body)

    def test_a_duplicate_address_is_a_form_error_that_keeps_what_was_typed(self):
        self.client.force_login(self.users["iceout-editor"])
        response = self.client.post(
            "/admin/media-lists/contacts/new/",
            {"site": self.coalition.pk, "name": "Dana Again", "email": "DANA@example.org", "language": "en"},
        )
        self.assertContains(response, "This site already has a contact with this address.")
        self.assertContains(response, 'value="Dana Again"')
        self.assertEqual(MediaContact.objects.filter(email="dana@example.org").count(), 1)

    def test_the_same_address_may_be_a_contact_of_each_site(self):
        self.client.force_login(self.users["cipc-editor"])
        response = self.client.post(
            "/admin/media-lists/contacts/new/",
            {"site": self.sites.cipc_site.pk, "name": "Dana Example", "email": "dana@example.org", "language": "es"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(MediaContact.objects.filter(email="dana@example.org").count(), 2)

    def test_the_export_has_every_column_and_keeps_formulas_as_text(self):
        MediaContact.objects.create(site=self.coalition, name="=HYPERLINK(1)", email="formula@example.org")
        self.client.force_login(self.users["iceout-editor"])
        export = self.client.get("/admin/media-lists/contacts/?export=csv")
        rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
        self.assertEqual(rows[0][:3], ["name", "email", "outlet"])
        by_email = {row[1]: row for row in rows[1:]}
        self.assertEqual(by_email["robin@example.net"][7:9], ["LA courts reporters", "address bounced (hard bounce)"])
        self.assertEqual(by_email["formula@example.org"][0], "'=HYPERLINK(1)")


class ImportTests(MediaListsTestCase):
    def test_the_preview_says_what_is_added_updated_and_refused_and_why_then_confirm_writes(self):
        data = csv_bytes(
            [
                ("Avery Sample", "avery@example.org", "Example Times", "es"),
                ("Dana Example", "DANA@example.org", "Example Daily Online", ""),
                ("", "nameless@example.org", "", ""),
                ("Bad Address", "not-an-address", "", ""),
                ("Avery Twice", "avery@example.org", "", ""),
                ("Lang Unknown", "lang@example.org", "", "Klingon"),
                ("Spanish Name", "es@example.net", "", "Español"),
            ]
        )
        response = self.upload(data, media_list=self.courts)
        self.assertEqual(response.status_code, 302)
        preview = self.client.get(response.url)
        self.assertContains(preview, "2 to add")
        self.assertContains(preview, "1 to update")
        self.assertContains(preview, "4 refused")
        for reason in (
            "missing name",
            "not an email address: not-an-address",
            "the same address as line 2",
            "unknown language: Klingon",
        ):
            self.assertContains(preview, reason)
        # Nothing written yet.
        self.assertFalse(MediaContact.objects.filter(email="avery@example.org").exists())
        self.assertEqual(MediaContact.objects.get(pk=self.dana.pk).outlet, "Example Daily")

        done = self.client.post(response.url, follow=True)
        self.assertContains(done, "Imported: 2 contacts added, 1 updated, 4 rows refused.")
        avery = MediaContact.objects.get(email="avery@example.org")
        self.assertEqual((avery.language, avery.site_id), ("es", self.coalition.pk))
        self.assertEqual(MediaContact.objects.get(email="es@example.net").language, "es")
        self.assertEqual(MediaContact.objects.get(pk=self.dana.pk).outlet, "Example Daily Online")
        self.assertEqual(
            set(self.courts.contacts.values_list("email", flat=True)),
            {"dana@example.org", "robin@example.net", "avery@example.org", "es@example.net"},
        )
        # Confirming twice writes nothing twice: the import is done.
        self.assertEqual(self.client.post(response.url).status_code, 404)

    def test_broken_files_get_a_clear_error_and_write_nothing(self):
        cases = {
            "empty": (b"", "The submitted file is empty."),
            "header only": (b"name,email\n", "a header row but no contacts"),
            "wrong columns": (b"full name,mail\nA,a@example.org\n", "missing: name, email"),
            "Latin-1": ("name,email\nJosé Ñandú,jose@example.org\n".encode("latin-1"), "not UTF-8"),
            "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "not a CSV file"),
            "only blank lines": (b"\n\n\n", "The file is empty"),
        }
        for label, (data, message) in cases.items():
            with self.subTest(label):
                response = self.upload(data)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, message)
        self.assertEqual(ContactImport.objects.count(), 0)
        self.assertEqual(MediaContact.objects.count(), 3)

    def test_a_file_over_the_size_limit_is_refused(self):
        big = b"name,email\n" + b"A,a@example.org\n" * (csv_import.MAX_BYTES // 16 + 10)
        response = self.upload(big)
        self.assertContains(response, "larger than 10 MB")
        self.assertEqual(ContactImport.objects.count(), 0)

    def test_a_file_checked_but_never_imported_is_deleted_after_a_day(self):
        stale = self.upload(csv_bytes([("Avery Sample", "avery@example.org", "", "")])).url
        ContactImport.objects.update(created_at=timezone.now() - timedelta(days=2))
        fresh = self.upload(csv_bytes([("Blake Example", "blake@example.net", "", "")])).url
        self.assertEqual(self.client.get(stale).status_code, 404)
        self.assertContains(self.client.get(fresh), "blake@example.net")
        self.assertEqual(ContactImport.objects.count(), 1)

    def test_every_row_refused_offers_nothing_to_confirm(self):
        response = self.upload(csv_bytes([("", "x@example.org", "", "")]))
        preview = self.client.get(response.url)
        self.assertContains(preview, "Every row was refused")
        self.client.post(response.url)
        self.assertFalse(MediaContact.objects.filter(email="x@example.org").exists())

    def test_another_sites_team_cannot_see_or_confirm_an_import(self):
        response = self.upload(csv_bytes([("Avery Sample", "avery@example.org", "", "")]))
        self.client.force_login(self.users["cipc-moderator"])
        self.assertEqual(self.client.get(response.url).status_code, 404)
        self.assertEqual(self.client.post(response.url).status_code, 404)
        self.assertFalse(MediaContact.objects.filter(email="avery@example.org").exists())

    def test_twenty_thousand_contacts_import_in_one_confirm(self):
        rows = [(f"Reporter {n}", f"reporter{n}@example.org", "Example Wire", "en") for n in range(20_000)]
        rows.append(("Dana Example", "dana@example.org", "Example Daily Online", ""))
        response = self.upload(csv_bytes(rows), media_list=self.courts)
        preview = self.client.get(response.url)
        self.assertContains(preview, "20000 to add")
        self.assertContains(preview, "and 19800 more")
        done = self.client.post(response.url, follow=True)
        self.assertContains(done, "Imported: 20000 contacts added, 1 updated, 0 rows refused.")
        self.assertEqual(MediaContact.objects.filter(site=self.coalition).count(), 20_002)
        self.assertEqual(self.courts.contacts.count(), 20_002)
