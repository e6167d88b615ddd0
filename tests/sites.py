"""The two press-room sites every test module builds on: one helper, not a copy per module."""

import io
from dataclasses import dataclass

from wagtail.models import Locale, Page, Site

from coalition.models import CoalitionHomePage, CoalitionMember
from core.models import SiteBranding
from core.tree import ensure_wagtail_roots
from home.models import HomePage
from languages.copies import publish_translation
from press.models import PressIndexPage
from tests.factories import CategoryFactory, OrganizationFactory

CIPC_HOST = "localhost"
COALITION_HOST = "iceout.localhost"


@dataclass
class PressSites:
    cipc_site: Site
    coalition_site: Site
    cipc_home: HomePage
    coalition_home: CoalitionHomePage
    cipc_press: PressIndexPage
    coalition_press: PressIndexPage
    cipc_org: object
    members: list
    statement: object
    # Fictional organisations for the spokespeople tests make up: the real ones above only
    # own rooms, are members or sign (tests.factories.refuse_real_speaker).
    sample_org: object
    sample_legal_org: object


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_press_sites(port=80):
    """Root → CIPC (HomePage, default site) and ICE Out (CoalitionHomePage), each with a
    press room at /press/, branded; CIPC's room cross-lists what CIPC signed.

    ``port`` is where the sites answer: 80 for the test client, the live server's port
    for browser tests."""
    root = ensure_wagtail_roots()
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()

    cipc_org = OrganizationFactory(name="California Immigrant Policy Center", slug="cipc", short_name="CIPC")
    members = [
        OrganizationFactory(name="Advancing Justice – Asian Law Caucus", slug="advancing-justice-alc"),
        OrganizationFactory(name="ACLU of California", slug="aclu-california"),
        cipc_org,
    ]
    statement = CategoryFactory(name="Statement", slug="statement")
    sample_org = OrganizationFactory(
        name="Example Immigrant Rights Network", slug="example-immigrant-rights-network", short_name="Example Network"
    )
    sample_legal_org = OrganizationFactory(name="Sample Legal Aid Network", slug="sample-legal-aid-network")

    cipc_home = _publish(root, HomePage(title="California Immigrant Policy Center", slug="cipc"))
    coalition_home = CoalitionHomePage(
        title="ICE Out of California",
        slug="iceout",
        signatories_heading="the ICE Out of California Coalition Steering Committee",
    )
    coalition_home.members = [CoalitionMember(organization=org, sort_order=i) for i, org in enumerate(members)]
    _publish(root, coalition_home)

    cipc_site = Site.objects.create(
        hostname=CIPC_HOST, port=port, root_page=cipc_home, is_default_site=True, site_name="CIPC"
    )
    coalition_site = Site.objects.create(
        hostname=COALITION_HOST, port=port, root_page=coalition_home, site_name="ICE Out of California"
    )
    SiteBranding.objects.create(site=cipc_site, name="California Immigrant Policy Center")
    SiteBranding.objects.create(site=coalition_site, name="ICE Out of California", primary_colour="#3b1f5c")

    cipc_press = _publish(cipc_home, PressIndexPage(title="Press room", slug="press", cross_list_signed_by=cipc_org))
    coalition_press = _publish(
        coalition_home, PressIndexPage(title="Press room", slug="press", default_category=statement)
    )
    return PressSites(
        cipc_site=cipc_site,
        coalition_site=coalition_site,
        cipc_home=cipc_home,
        coalition_home=coalition_home,
        cipc_press=cipc_press,
        coalition_press=coalition_press,
        cipc_org=cipc_org,
        members=members,
        statement=statement,
        sample_org=sample_org,
        sample_legal_org=sample_legal_org,
    )


def brand_like_the_demo(sites):
    """Give both sites the demo's look (demo.loader.LOOKS): SVG wordmark logos and icons, a
    banner, a typeface and colours; and the member organisations their SVG wordmarks. The pages
    then carry every part of the branding that the accessibility and HTML checks must see."""
    from demo.images import site_banner_jpeg
    from demo.loader import LOOKS

    for site, key, wordmark in [
        (sites.cipc_site, "cipc", "cipc.svg"),
        (sites.coalition_site, "coalition", "ice-out-of-california.svg"),
    ]:
        look = LOOKS[key]
        branding = SiteBranding.objects.get(site=site)
        branding.logo = wordmark_image(wordmark)
        branding.icon = wordmark_image(look["icon"])
        branding.banner_image = picture(
            f"{key} banner", site_banner_jpeg(look["banner"], key), "jpg", description=f"{key} banner picture"
        )
        for name in ("typeface", "primary_colour", "accent_colour", "tint_colour"):
            setattr(branding, name, look[name])
        branding.save()
    for org in sites.members:
        org.logo = wordmark_image(f"{org.slug}.svg")
        org.save()


def wordmark_image(filename):
    """An image of one of demo/content/wordmarks/*.svg."""
    from demo.loader import WORDMARKS

    return picture(filename, (WORDMARKS / filename).read_bytes(), "svg")


def picture(title, data, extension, description=""):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    image = get_image_model()(title=title, description=description or title)
    image.file = ImageFile(io.BytesIO(data), name=f"{title.replace(' ', '-')}.{extension}")
    image.save()
    return image


def translate(original, language="es", **fields):
    """``original`` (a page or a press-directory snippet) translated as Wagtail's "Translate"
    does (a copy in the other locale), given ``fields`` and published; returns the translation,
    a page as read back from the database. A page's parent must be translated first."""
    locale, _ = Locale.objects.get_or_create(language_code=language)
    copy = publish_translation(original, locale, **fields)
    return type(copy).objects.get(pk=copy.pk) if isinstance(copy, Page) else copy


@dataclass
class SpanishSites:
    cipc_home: HomePage
    coalition_home: CoalitionHomePage
    cipc_press: PressIndexPage
    coalition_press: PressIndexPage


def translate_press_sites(sites):
    """The Spanish home pages and press rooms of both sites (at /es/ and /es/press/)."""
    cipc_home = translate(sites.cipc_home, title="California Immigrant Policy Center")
    coalition_home = translate(sites.coalition_home, title="ICE Out of California")
    return SpanishSites(
        cipc_home=cipc_home,
        coalition_home=coalition_home,
        cipc_press=translate(sites.cipc_press, title="Sala de prensa"),
        coalition_press=translate(sites.coalition_press, title="Sala de prensa"),
    )


# Real coalition members with long names: the widest choices a filter offers.
LONG_NAMES = [
    "Asian Americans Advancing Justice – California",
    "California Immigrant Youth Justice Alliance",
    "National Day Laborer Organizing Network",
    "Immigrant Legal Resource Center",
    "PICO California",
]


def eight_members(sites):
    """The coalition's steering committee as the demo has it: eight members, each with a logo."""
    members = list(sites.members) + [OrganizationFactory(name=name) for name in LONG_NAMES]
    wordmarks = ["aajc-california.svg", "aclu-california.svg", "advancing-justice-alc.svg", "cipc.svg",
                 "ciyja.svg", "ilrc.svg", "ndlon.svg", "pico-california.svg"]  # fmt: skip
    for org, wordmark in zip(members, wordmarks, strict=False):
        org.logo = wordmark_image(wordmark)
        org.save()
    home = sites.coalition_home
    home.members = [CoalitionMember(organization=org, sort_order=i) for i, org in enumerate(members)]
    home.save_revision().publish()
    return members
