"""A press kit for a test site: a logo (PNG and SVG), a credited headshot and a fact sheet."""

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file

from images.models import CreditedImage
from presskit.models import PressKitFactSheet, PressKitHeadshot, PressKitLogo, PressKitPage
from tests.factories import is_real_organization, real_people
from tests.sites import translate

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="48" height="16"><text y="12">Logo</text></svg>\n'
PDF = b"%PDF-1.4\n% a fact sheet\n"
HOJA = b"%PDF-1.4\n% una hoja informativa\n"
# What build_press_kit's "download all" zip holds, in its order.
KIT_ZIP_NAMES = [
    "logos/wordmark.png",
    "logos/wordmark.svg",
    "headshots/alex-sample.png",
    "fact-sheets/facts-at-a-glance.pdf",
]


def assert_whole_kit(test, zipped, headshot):
    """``zipped`` (a ZipFile) holds every file of build_press_kit's kit, ``headshot`` the photo's bytes."""
    test.assertEqual(zipped.namelist(), KIT_ZIP_NAMES)
    test.assertEqual(zipped.read("logos/wordmark.svg"), SVG)
    test.assertEqual(zipped.read("fact-sheets/facts-at-a-glance.pdf"), PDF)
    test.assertEqual(zipped.read("headshots/alex-sample.png"), headshot)


def build_press_kit(site_root, name="Sample Network", slug="press-kit"):
    """Publish a press kit under ``site_root``; returns it."""
    logo_png = CreditedImage.objects.create(title=f"{name} logo", file=get_test_image_file(filename="logo.png"))
    headshot = CreditedImage.objects.create(
        title="Alex Sample headshot",
        file=get_test_image_file(filename="alex.png", colour="red"),
        credit="Pat Photographer",
        licence="CC BY 4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
    )
    svg = Document.objects.create(title=f"{name} logo (SVG)", file=ContentFile(SVG, name="logo.svg"))
    sheet = Document.objects.create(title="Facts at a glance", file=ContentFile(PDF, name="facts.pdf"))
    kit = PressKitPage(
        title="Press kit",
        slug=slug,
        about="<p>Sample Network is a fictional organization used in tests.</p>",
    )
    kit.logos = [
        PressKitLogo(name="Wordmark", png=logo_png, svg=svg, usage_notes="Leave clear space around it.", sort_order=0)
    ]
    kit.headshots = [PressKitHeadshot(image=headshot, name="Alex Sample", role="Communications Director")]
    kit.fact_sheets = [PressKitFactSheet(document=sheet)]
    site_root.add_child(instance=kit)
    kit.save_revision().publish()
    return PressKitPage.objects.get(pk=kit.pk)


def translate_kit(kit):
    """``kit`` in Spanish as an editor translates it: the same logo and photo, captions in
    Spanish, and a fact sheet of its own."""
    hoja = Document.objects.create(title="Datos en breve", file=ContentFile(HOJA, name="datos.pdf"))
    logo, headshot = kit.logos.get(), kit.headshots.get()
    return translate(
        kit,
        title="Kit de prensa",
        about_heading="Acerca de Sample Network",
        about="<p>Sample Network es una organización ficticia de las pruebas.</p>",
        logos=[PressKitLogo(name="Marca", png=logo.png, svg=logo.svg, usage_notes="Deje espacio libre alrededor.")],
        headshots=[PressKitHeadshot(image=headshot.image, name="Alex Sample", role="Directora de comunicaciones")],
        fact_sheets=[PressKitFactSheet(document=hoja)],
    )


def add_press_kits_and_contacts(sites, people):
    """Both sites get a press kit (in Spanish too where the site has a Spanish home), each
    press room default media contacts, and each room's speaker (fictional) a bio, so they have
    a spokesperson page (for the page checks: every kind of page, with everything these
    features add to them)."""
    from press.models import PressIndexPage, PressRoomContact

    for home, name in [
        (sites.cipc_home, "California Immigrant Policy Center"),
        (sites.coalition_home, "ICE Out of California"),
    ]:
        kit = build_press_kit(home, name=name)
        if home.get_translations().filter(locale__language_code="es").exists():
            translate(kit, title="Kit de prensa")
    for room, person in [(sites.cipc_press, people["cynthia"]), (sites.coalition_press, people["angela"])]:
        room = PressIndexPage.objects.get(pk=room.pk)
        room.media_contacts = [PressRoomContact(spokesperson=person)]
        # The room's own line (a fictional number), not a person's: no hours given for real people.
        room.after_hours_phone = "(916) 555-0199"
        room.after_hours_note = "Evenings and weekends."
        room.save_revision().publish()
        if person.name in real_people() or is_real_organization(person.organization):
            raise ValueError(f"{person.name} is real or speaks for a real organization: no made-up bio")
        person.bio = f"<p>{person.name} is a fictional spokesperson of a fictional organization.</p>"
        person.save()
