"""Many stories at once, for the benchmark and the query-budget tests.

Stories are spread over both press rooms and ten years, each with a statement by a
spokesperson, one or two topics, and a listing image on every third; about half the
coalition's carry signatories. Speakers and signatories are fictional sample organisations and
people: the real ones the demo holds never put their names to generated words (so CIPC's room,
which cross-lists what CIPC signed, lists none of them). Their words, English and
Spanish, are drawn with a real language's frequencies (harness.vocabulary), so searches and
filters meet as many matches as in a real archive. Deterministic for a seed."""

import datetime
import io
import random
import uuid

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Site
from wagtail.search.backends import get_search_backend

from core.models import Category, Organization, Spokesperson, Topic, in_default_locale
from core.search import not_indexed_on_save
from demo import images
from harness.vocabulary import vocabulary
from press.models import PressIndexPage, StoryPage, StorySignatory
from press.models.facet_counts import count_rooms

MIN_SPOKESPEOPLE, MIN_TOPICS, IMAGE_COUNT, SIGNERS = 8, 8, 4, 3


def _ensure(model, count, make):
    existing = list(model.objects.filter(in_default_locale()).order_by("pk"))
    return existing + [make(i) for i in range(len(existing), count)]


def _cast():
    """Spokespeople, topics, categories and images to draw from, made if the database lacks them.

    The generated statements are spoken by fictional sample speakers of a fictional organisation
    and signed by fictional sample organisations, never by the real spokespeople and
    organisations the demo may hold."""
    org, _ = Organization.objects.filter(in_default_locale()).get_or_create(
        slug="benchmark-organization", defaults={"name": "Benchmark Organization (sample)"}
    )
    people = [
        Spokesperson.objects.filter(in_default_locale()).get_or_create(
            slug=f"bench-spokesperson-{i}",
            defaults={"name": f"Sample Speaker {i}", "title": "Director", "organization": org},
        )[0]
        for i in range(MIN_SPOKESPEOPLE)
    ]
    signers = [
        Organization.objects.filter(in_default_locale()).get_or_create(
            slug=f"bench-signer-{i}", defaults={"name": f"Sample Member Organization {i} (sample)"}
        )[0]
        for i in range(SIGNERS)
    ]
    topics = _ensure(Topic, MIN_TOPICS, lambda i: Topic.objects.create(name=f"Topic {i}", slug=f"bench-topic-{i}"))
    categories = _ensure(
        Category, 2, lambda i: Category.objects.create(name=f"Category {i}", slug=f"bench-category-{i}")
    )
    Image = get_image_model()
    collection = Collection.get_first_root_node()
    pictures = []
    for i in range(IMAGE_COUNT):
        title = f"Benchmark banner {i}"
        picture = Image.objects.filter(title=title).first()
        if picture is None:
            png = images.banner_png(title, ["#1d4f91", "#3b1f5c", "#14532d", "#7c2d12"][i], title)
            picture = Image(title=title, collection=collection, description=title)
            picture.file = ImageFile(io.BytesIO(png), name=f"benchmark-banner-{i}.png")
            picture.save()
        pictures.append(picture)
    return people, signers, topics, categories, pictures


def press_rooms():
    """Each site's press room, default site first."""
    rooms = []
    for site in Site.objects.order_by("-is_default_site", "pk").select_related("root_page"):
        room = PressIndexPage.objects.child_of(site.root_page).first()
        if room is not None:
            rooms.append(room)
    return rooms


def spanish_rooms(rooms):
    """Each room's Spanish translation by the English room's pk, for the rooms that have one."""
    spanish = Locale.objects.filter(language_code="es").first()
    if spanish is None:
        return {}
    translations = {room.pk: room.get_translation_or_none(spanish) for room in rooms}
    return {pk: room.specific for pk, room in translations.items() if room is not None}


def statement(rng, language, spokesperson):
    """A statement block by ``spokesperson``: two paragraphs of a few sentences."""
    words = vocabulary(language)
    paragraphs = (" ".join(words.sentence(rng, rng.randint(8, 16)) for _ in range(3)) for _ in range(2))
    return {
        "type": "statement",
        "value": {"spokesperson": spokesperson, "text": "".join(f"<p>{p}</p>" for p in paragraphs)},
        "id": str(uuid.UUID(int=rng.getrandbits(128))),
    }


def spanish_copy(story, locale, rng, spokesperson):
    """``story`` in Spanish, as Wagtail's "Translate" copies it (same translation key, date,
    labels, image, speaker and signatories), with a Spanish title, summary and statement. Built here
    rather than with ``copy_for_translation`` + publish, which took five times as long (140 ms
    against 29 ms a story: 6 minutes of a 10,000-story run instead of 1)."""
    copy = StoryPage(
        title=vocabulary("es").title(rng, rng.randint(5, 9)),
        slug=story.slug.replace("story-", "historia-"),
        locale=locale,
        translation_key=story.translation_key,
        date=story.date,
        category=story.category,
        summary=vocabulary("es").sentence(rng, rng.randint(15, 25)),
        dateline=story.dateline,
        listing_image=story.listing_image,
        body=[statement(rng, "es", spokesperson)],
        live=True,
        first_published_at=story.first_published_at,
        last_published_at=story.last_published_at,
    )
    copy.topics = list(story.topics.all())
    copy.signatories = [
        StorySignatory(organization=s.organization, sort_order=s.sort_order) for s in story.signatories.all()
    ]
    return copy


def generate_stories(count, seed=2026, image_every=3, signed_share=0.5, spanish_every=4):
    """Publish ``count`` stories across the sites' press rooms (a listing image on every
    ``image_every``-th; ``signed_share`` of a coalition's signed by the sample organisations)
    and index them for search. Every ``spanish_every``-th (0: none) is also published in
    Spanish, in rooms that have a Spanish translation (the demo's do)."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    rooms = press_rooms()
    translated_rooms = spanish_rooms(rooms) if spanish_every else {}
    people, signers, topics, categories, pictures = _cast()
    # Only a coalition's stories carry signatories, as a coalition's new story starts with them.
    signed_rooms = {room.pk for room in rooms if hasattr(room.get_parent().specific, "default_signatories")}
    start = PressIndexPage.objects.count() + StoryPage.objects.count()
    created = []
    now = timezone.now()
    with not_indexed_on_save(StoryPage):
        for n in range(count):
            room = rooms[n % len(rooms)]
            person = rng.choice(people)
            english = vocabulary("en")
            story = StoryPage(
                title=english.title(rng, rng.randint(5, 9)),
                slug=f"story-{start + n}",
                date=datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randrange(3650)),
                category=rng.choice(categories),
                summary=english.sentence(rng, rng.randint(15, 25)),
                dateline="Sacramento, CA",
                listing_image=pictures[n % len(pictures)] if n % image_every == 0 else None,
                body=[statement(rng, "en", person.pk)],
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
            story.topics = rng.sample(topics, rng.choice((1, 2)))
            if room.pk in signed_rooms and rng.random() < signed_share:
                story.signatories = [StorySignatory(organization=org, sort_order=i) for i, org in enumerate(signers)]
            room.add_child(instance=story)
            created.append(story.pk)
            if room.pk in translated_rooms and n % spanish_every == 0:
                historia = spanish_copy(story, translated_rooms[room.pk].locale, rng, person.pk)
                translated_rooms[room.pk].add_child(instance=historia)
                created.append(historia.pk)
    # Indexed once all are saved, with their topics and speakers.
    get_search_backend().add_bulk(StoryPage, list(StoryPage.objects.filter(pk__in=created)))
    count_rooms(PressIndexPage.objects.all())  # saved without publishing, so no signal recounted the rooms' facets
    return created
