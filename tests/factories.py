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
    network = OrganizationFactory(name="Example Immigrant Rights Network", slug="example-network")
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
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


@functools.cache
def real_people():
    """The names of the real spokespeople the demo holds (demo/content/press.toml, those not
    marked fictional): test data never puts words in their mouths."""
    seed = tomllib.loads((Path(__file__).parents[1] / "demo" / "content" / "press.toml").read_text())
    return frozenset(person["name"] for person in seed["spokesperson"] if not person.get("fictional"))


def refuse_real_speaker(spokesperson_id):
    name = Spokesperson.objects.filter(pk=spokesperson_id).values_list("name", flat=True).first()
    if name in real_people():
        raise ValueError(f"{name} is a real person: give generated words to a fictional spokesperson")


def statement(spokesperson, text="<p>We stand with immigrant families.</p>"):
    refuse_real_speaker(spokesperson.pk)
    return block("statement", {"spokesperson": spokesperson.pk, "text": text})


def make_story(press_room, title, *, date=None, category=None, signatories=(), topics=(), body=None, **fields):
    """Create and publish a story under ``press_room``, as an editor would. Its statements and
    quotes must name fictional spokespeople (``real_people``)."""
    for part in body or ():
        if isinstance(part, dict) and isinstance(part.get("value"), dict) and part["value"].get("spokesperson"):
            refuse_real_speaker(part["value"]["spokesperson"])
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
