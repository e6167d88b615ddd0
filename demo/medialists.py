"""The demo's media lists: a few fictional reporters per site, so a moderator can try sending a
release (admin → Media lists; a story's ⋮ → Send to media lists) without a real address in
sight. Every contact is made up, at a made-up outlet, on example.org / example.net, and says so
in its notes. Idempotent: a list or contact is created only when missing."""

from medialists.models import MediaContact, MediaList

SAMPLE_NOTE = "Sample content: a fictional reporter at a fictional outlet, for trying out sends."

# (name, outlet, beat, email, language), per list.
LISTS = {
    "Sample: courts reporters": [
        ("Riley Sample", "Example Daily (fictional)", "courts", "riley.sample@example.org", "en"),
        ("Morgan Placeholder", "Sample Radio (fictional)", "immigration", "morgan.placeholder@example.net", "en"),
    ],
    "Sample: Spanish-language media": [
        ("Dana Ejemplo", "Noticias de Ejemplo (ficticio)", "inmigración", "dana.ejemplo@example.org", "es"),
    ],
}


def load_media_lists(site, report):
    """The sample lists and contacts on ``site`` (each site has its own)."""
    for list_name, contacts in LISTS.items():
        media_list, created = MediaList.objects.get_or_create(
            site=site,
            name=list_name,
            defaults={"description": "Sample list of fictional reporters (example.org addresses) to try sending."},
        )
        if created:
            report.count("media lists")
        for name, outlet, beat, email, language in contacts:
            contact, created = MediaContact.objects.get_or_create(
                site=site,
                email=email,
                defaults={"name": name, "outlet": outlet, "beat": beat, "language": language, "notes": SAMPLE_NOTE},
            )
            if created:
                report.count("media contacts")
                media_list.contacts.add(contact)
