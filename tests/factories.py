"""Test data. Fixed seed, so a failure reproduces with the same names."""

import datetime
import uuid

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


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def statement(spokesperson, text="<p>We stand with immigrant families.</p>"):
    return block("statement", {"spokesperson": spokesperson.pk, "text": text})


def make_story(press_room, title, *, date=None, category=None, signatories=(), topics=(), body=None, **fields):
    """Create and publish a story under ``press_room``, as an editor would."""
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
