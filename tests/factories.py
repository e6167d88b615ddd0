"""Test data. Fixed seed, so a failure reproduces with the same names."""

import datetime
import functools
import tomllib
import uuid
from pathlib import Path

import factory
import factory.random
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from core.models import Category, Organization, Spokesperson, Topic
from press.models import StoryPage, StorySignatory

factory.random.reseed_random(2026)


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug", "locale")

    # The English record: Spanish ones are translations of it (tests.sites.translate).
    locale = factory.LazyFunction(Locale.get_default)

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    short_name = ""


class SpokespersonFactory(DjangoModelFactory):
    class Meta:
        model = Spokesperson
        django_get_or_create = ("slug", "locale")

    # The English record: Spanish ones are translations of it (tests.sites.translate).
    locale = factory.LazyFunction(Locale.get_default)

    name = factory.Faker("name")
    slug = factory.Sequence(lambda n: f"spokesperson-{n}")
    title = "Executive Director"
    organization = factory.SubFactory(OrganizationFactory)
    press_email = factory.LazyAttribute(lambda o: f"{o.slug}@example.org")
    press_phone = "(916) 555-0100"
    live = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # A made-up person presented as staff of a real organisation is a claim about it:
        # test spokespeople work for fictional organisations. Real people come bio-less, as
        # the demo holds them.
        name, organization = kwargs.get("name"), kwargs.get("organization")
        if name not in real_people() and is_real_organization(organization):
            raise ValueError(f"{name} is made up: give them a fictional organization, not {organization.name}")
        if name in real_people() and kwargs.get("bio"):
            raise ValueError(f"{name} is a real person: give a generated bio to a fictional spokesperson")
        return super()._create(model_class, *args, **kwargs)


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug", "locale")

    # The English record: Spanish ones are translations of it (tests.sites.translate).
    locale = factory.LazyFunction(Locale.get_default)

    name = "Statement"
    slug = "statement"


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug", "locale")

    # The English record: Spanish ones are translations of it (tests.sites.translate).
    locale = factory.LazyFunction(Locale.get_default)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


def example_contacts():
    """(Alex Sample, Jordan Placeholder): the fictional press contacts of the fictional Example
    Immigrant Rights Network, as the demo has them (555-01xx phones, example.org addresses)."""
    name = "Example Immigrant Rights Network"  # build_press_sites makes it too, as sample_org
    network = Organization.objects.filter(name=name).first() or OrganizationFactory(name=name, slug="example-network")
    alex = SpokespersonFactory(
        name="Alex Sample",
        slug="alex-sample",
        title="Communications Director",
        organization=network,
        press_phone="(213) 555-0142",
        press_email="alex.sample@example.org",
        languages="English, Spanish",
    )
    jordan = SpokespersonFactory(
        name="Jordan Placeholder",
        slug="jordan-placeholder",
        title="Press Secretary",
        organization=network,
        press_phone="(213) 555-0143",
        press_email="jordan.placeholder@example.org",
        languages="English",
    )
    return alex, jordan


def block(kind, value):
    if isinstance(value, dict):
        refuse_real_speaker(value.get("spokesperson"), attribution=value.get("attribution") or "")
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


@functools.cache
def _demo_content():
    return tomllib.loads((Path(__file__).parents[1] / "demo" / "content" / "press.toml").read_text())


@functools.cache
def real_people():
    """The names of the real spokespeople the demo holds (demo/content/press.toml, those not
    marked fictional): test data never puts words in their mouths."""
    return frozenset(person["name"] for person in _demo_content()["spokesperson"] if not person.get("fictional"))


# Real organisations the seed (../shared/seed/NOTES.md) names beside those press.toml holds.
REAL_ORGANIZATIONS_NAMED_IN_THE_SEED = ("Southern Poverty Law Center",)


@functools.cache
def real_organizations():
    """The names and short names, lower-cased, of the real organisations the demo holds (its
    organisations not marked fictional, the coalition itself) and the others the seed names:
    no generated words are spoken for them."""
    content = _demo_content()
    real = [org for org in content["organization"] if not org.get("fictional")]
    names = [org["name"] for org in real] + [org["short_name"] for org in real]
    names += [content["coalition"]["site_name"], content["coalition"]["short_name"]]
    return frozenset(name.casefold() for name in [*names, *REAL_ORGANIZATIONS_NAMED_IN_THE_SEED] if name)


def is_real_organization(organization):
    return organization is not None and bool(
        {organization.name.casefold(), organization.short_name.casefold()} & real_organizations()
    )


def names_someone_real(text):
    return any(name.casefold() in text.casefold() for name in [*real_people(), *real_organizations()])


def refuse_real_speaker(spokesperson_id, attribution=""):
    """Refuse generated words (a statement, quote or bio block) by a real person, by anyone
    shown as speaking for a real organisation, or attributed by name to either."""
    if names_someone_real(attribution):
        raise ValueError(f"{attribution!r} names someone real: attribute generated words to a fictional source")
    if not spokesperson_id:
        return
    person = Spokesperson.objects.select_related("organization").filter(pk=spokesperson_id).first()
    if person is None:
        return
    if person.name in real_people():
        raise ValueError(f"{person.name} is a real person: give generated words to a fictional spokesperson")
    if is_real_organization(person.organization):
        raise ValueError(
            f"{person.name} speaks for {person.organization.name}, a real organization: "
            "give generated words to a spokesperson of a fictional one"
        )


def statement(spokesperson, text="<p>We stand with immigrant families.</p>"):
    return block("statement", {"spokesperson": spokesperson.pk, "text": text})


def make_story(press_room, title, *, date=None, category=None, signatories=(), topics=(), body=None, **fields):
    """Create and publish a story under ``press_room``, as an editor would. Its statements,
    quotes and bios must name fictional spokespeople of fictional organisations
    (``refuse_real_speaker``); a signatories' statement, fictional signatories."""
    for part in body or ():
        if isinstance(part, dict) and isinstance(part.get("value"), dict):
            refuse_real_speaker(part["value"].get("spokesperson"), attribution=part["value"].get("attribution") or "")
    jointly_issued = any(isinstance(part, dict) and part.get("type") == "signatories_statement" for part in body or ())
    real_issuer = any(map(is_real_organization, signatories)) or names_someone_real(
        fields.get("signatories_heading", "")
    )
    if jointly_issued and real_issuer:
        raise ValueError(
            "A signatories' statement of generated words is issued by its signatories: make them fictional"
        )
    story = StoryPage(
        title=title,
        date=date or datetime.date(2019, 1, 1),
        category=category or CategoryFactory(),
        summary=fields.pop("summary", f"Summary of {title}."),
        body=body or [block("paragraph", "<p>Body text.</p>")],
        **fields,
    )
    story.topics = list(topics)
    story.signatories = [StorySignatory(organization=org, sort_order=i) for i, org in enumerate(signatories)]
    press_room.add_child(instance=story)
    story.save_revision().publish()
    return StoryPage.objects.get(pk=story.pk)
