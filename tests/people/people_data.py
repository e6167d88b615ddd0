"""The fictional spokespeople the people tests share, on the two test sites."""

import datetime

from wagtail.images.tests.utils import get_test_image_file

from core.models import Spokesperson
from images.models import CreditedImage
from tests.factories import SpokespersonFactory, TopicFactory, block, make_story, statement
from tests.sites import translate

ALEX_BIO = "<p>Alex Sample is a fictional person who speaks for the fictional Example Immigrant Rights Network.</p>"
ALEX_BIO_ES = "<p>Alex Sample es una persona ficticia que habla por la red ficticia.</p>"


def speakers(sites):
    """(alex, jordan, casey, avery): Alex has a bio and speaks on CIPC's site (statements, a
    quote, a bio block) and has a Spanish translation; Jordan speaks there too but has no bio;
    Casey has a bio and speaks only on the coalition's site; Avery has a bio and speaks nowhere."""
    org = sites.sample_org
    alex = SpokespersonFactory(
        name="Alex Sample",
        slug="alex-sample",
        title="Communications Director",
        organization=org,
        bio=ALEX_BIO,
        press_phone="(213) 555-0142",
        press_email="alex.sample@example.org",
        languages="English, Spanish",
        photo=CreditedImage.objects.create(
            title="Alex Sample headshot",
            file=get_test_image_file(filename="alex.png", colour="red"),
            credit="Sample Photo Desk",
            licence="CC BY 4.0",
        ),
    )
    translate(alex, title="Directora de comunicaciones", bio=ALEX_BIO_ES)
    jordan = SpokespersonFactory(name="Jordan Placeholder", slug="jordan-placeholder", organization=org)
    casey = SpokespersonFactory(
        name="Casey Placeholder",
        slug="casey-placeholder",
        organization=sites.sample_legal_org,
        bio="<p>Casey Placeholder is a fictional lawyer.</p>",
        press_email="",
        press_phone="",
    )
    avery = SpokespersonFactory(
        name="Avery Example", slug="avery-example", organization=org, bio="<p>Avery Example is fictional.</p>"
    )
    return alex, jordan, casey, avery


def speeches(sites, alex, jordan, casey):
    """Alex's three CIPC stories (newest first: a bio block, a quote beside Jordan's statement,
    a statement), the first translated; Casey's coalition statement."""
    detention = TopicFactory(name="Detention", slug="detention")
    courts = TopicFactory(name="Courts", slug="courts")
    translate(detention, name="Detención")
    room = sites.cipc_press
    first = make_story(
        room,
        "Network responds to a fictional ruling",
        date=datetime.date(2024, 1, 10),
        category=sites.statement,
        topics=[detention, courts],
        body=[statement(alex, "<p>A fictional statement.</p>")],
    )
    translate(first, title="La red responde a un fallo ficticio", summary="Resumen ficticio.")
    quote = block("quote", {"text": "A fictional quote.", "spokesperson": alex.pk, "attribution": ""})
    second = make_story(
        room,
        "Network welcomes a fictional bill",
        date=datetime.date(2024, 2, 10),
        category=sites.statement,
        topics=[detention],
        body=[statement(jordan, "<p>Another fictional statement.</p>"), quote],
    )
    third = make_story(
        room,
        "Network names its fictional spokesperson",
        date=datetime.date(2024, 3, 10),
        category=sites.statement,
        body=[block("spokesperson_bio", {"spokesperson": alex.pk})],
    )
    coalition = make_story(
        sites.coalition_press,
        "Coalition lawyers file a fictional brief",
        date=datetime.date(2024, 4, 10),
        category=sites.statement,
        body=[statement(casey, "<p>A fictional brief.</p>")],
    )
    return [third, second, first], coalition


def spanish_record(person):
    return Spokesperson.objects.get(translation_key=person.translation_key, locale__language_code="es")
