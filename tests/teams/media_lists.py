"""The media lists' and release sends' part of the cross-site sweep (test_team_permissions):
the victim site's objects, what must not change, and the admin addresses that act on them."""

from medialists.models import ContactImport, MediaContact, MediaList
from releases_out.models import Delivery, Send
from releases_out.queueing import record_send

# Listings where the intruder must not see the victim's contacts (the first three: where the
# owners do see them).
MEDIA_LIST_LISTINGS = [
    "/admin/media-lists/",
    "/admin/media-lists/contacts/",
    "/admin/media-lists/contacts/?export=csv",
    "/admin/media-lists/contacts/?q=victim",
    "/admin/media-lists/import/",
]


def media_list_objects(cls):
    """A list, a contact in it, an import awaiting confirmation and a send, on ``cls.site``."""
    cls.media_list = MediaList.objects.create(site=cls.site, name="Victim list")
    cls.media_contact = MediaContact.objects.create(
        site=cls.site, name="Victim Reporter", outlet="Victim Weekly", email="victim-reporter@example.org"
    )
    cls.media_list.contacts.add(cls.media_contact)
    cls.contact_import = ContactImport.objects.create(
        site=cls.site, file_name="victims.csv", data=b"name,email\nVictim New,victim-new@example.org\n"
    )
    cls.release_send = record_send(cls.story, cls.site, [cls.media_list], Send.When.GO_LIVE, cls.owner_moderator)


def media_list_snapshot():
    return {
        "media_contacts": list(MediaContact.objects.order_by("pk").values_list("pk", "name", "email", "site_id")),
        "media_lists": list(MediaList.objects.order_by("pk").values_list("pk", "name", "site_id")),
        "contact_imports": list(ContactImport.objects.order_by("pk").values_list("pk", "imported_at")),
        "release_sends": list(Send.objects.order_by("pk").values_list("pk", "state")),
        "deliveries": list(Delivery.objects.order_by("pk").values_list("pk", "state")),
    }


def media_list_endpoints(test):
    """(label, method, url, data, rightful role), as ``CrossSiteRefusalMixin.endpoints``."""
    contact, media_list, site = test.media_contact.pk, test.media_list.pk, test.site.pk
    contact_url, list_url = f"/admin/media-lists/contacts/{contact}/", f"/admin/media-lists/lists/{media_list}/"
    import_url, send_url = (
        f"/admin/media-lists/import/{test.contact_import.pk}/",
        f"/admin/releases/sends/{test.release_send.pk}/",
    )
    story_url = f"/admin/releases/stories/{test.story.pk}/"
    new_contact = {"site": site, "name": "Hacked", "email": "hacked@example.org", "language": "en"}
    return [
        ("media contact edit form", "get", contact_url, None, "editor"),
        ("media contact save", "post", contact_url, new_contact, "editor"),
        ("media contact delete", "post", contact_url, {"delete": "1"}, "editor"),
        ("media list edit form", "get", list_url, None, "editor"),
        ("media list save", "post", list_url, {"site": site, "name": "Hacked"}, "editor"),
        ("media list delete", "post", list_url, {"delete": "1"}, "editor"),
        ("contact import preview", "get", import_url, None, "editor"),
        ("contact import confirm", "post", import_url, {}, "editor"),
        ("release sends page", "get", story_url, None, "moderator"),
        ("release send", "post", story_url, {"lists": [media_list], "when": "now"}, "moderator"),
        ("release send report", "get", send_url, None, "moderator"),
        ("release send cancel", "post", f"{send_url}cancel/", {}, "moderator"),
    ]
