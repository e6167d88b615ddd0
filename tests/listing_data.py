"""A small, known set of stories on both sites for the listing, search, feed and story tests."""

import datetime

from press.models import StoryCorrection
from tests.factories import CategoryFactory, SpokespersonFactory, TopicFactory, block, make_story


def build_stories(sites):
    """Four stories: two CIPC's own, one coalition statement CIPC signed, one it did not."""
    release = CategoryFactory(name="Press Release", slug="press-release")
    statement = sites.statement
    # Fictional speakers of fictional organisations: the real ones only own the rooms and sign.
    cynthia = SpokespersonFactory(name="Casey Placeholder", slug="casey-placeholder", organization=sites.sample_org)
    angela = SpokespersonFactory(name="Avery Example", slug="avery-example", organization=sites.sample_legal_org)
    jennie = SpokespersonFactory(name="Jamie Sample", slug="jamie-sample", organization=sites.sample_legal_org)
    sb54 = TopicFactory(name="SB 54", slug="sb-54")
    courts = TopicFactory(name="Courts", slug="courts")
    detention = TopicFactory(name="Detention", slug="detention")
    policing = TopicFactory(name="Local policing", slug="local-policing")

    def says(person, text):
        return block("statement", {"spokesperson": person.pk, "text": f"<p>{text}</p>"})

    stories = {
        "budget": make_story(
            sites.cipc_press,
            "CIPC urges Congress to defund hate",
            date=datetime.date(2019, 2, 15),
            category=release,
            topics=[detention],
            summary="CIPC backs California's lawsuit over the emergency declaration.",
            body=[says(cynthia, "Congress must cut detention funding.")],
            dateline="Sacramento, CA",
        ),
        "ruling": make_story(
            sites.cipc_press,
            "CIPC praises Ninth Circuit ruling",
            date=datetime.date(2018, 8, 1),
            category=statement,
            topics=[courts, sb54],
            summary="Another win for immigrant Californians.",
            body=[says(cynthia, "Today's decision marks yet another win.")],
            # Release line and a dated correction: the page checks see them too.
            release="immediate",
            corrections=[
                StoryCorrection(
                    kind="correction",
                    noted_at=datetime.datetime(2018, 8, 2, 17, 0, tzinfo=datetime.UTC),
                    note="An earlier version gave the wrong date for the ruling.",
                )
            ],
        ),
        "signed": make_story(
            sites.coalition_press,
            "Coalition defends the California Values Act",
            date=datetime.date(2018, 7, 9),
            category=statement,
            topics=[sb54, courts],
            signatories=sites.members,
            summary="A judge dismisses the federal suit against SB 54.",
            body=[says(angela, "The court got it right."), block("media_contacts", {"contacts": [angela.pk]})],
            dateline="Sacramento, CA",
        ),
        "unsigned": make_story(
            sites.coalition_press,
            "Coalition speaks on local policing",
            date=datetime.date(2017, 3, 1),
            category=statement,
            topics=[policing, sb54],
            signatories=[sites.sample_legal_org],  # not CIPC; fictional, as its statement is made up
            summary="Sheriffs must not act as immigration agents.",
            body=[says(jennie, "Local police are not ICE.")],
        ),
    }
    people = {"cynthia": cynthia, "angela": angela, "jennie": jennie}
    return stories, people


def add_busy_year(sites, people):
    """Seven more 2018 stories by one spokesperson on each site, so a visitor who filters by
    2018 and that person gets two pages (with the press rooms at five a page)."""
    from core.models import Topic

    sb54 = Topic.objects.get(slug="sb-54")
    for room, person, name in [
        (sites.cipc_press, people["cynthia"], "CIPC"),
        (sites.coalition_press, people["angela"], "Coalition"),
    ]:
        for n in range(7):
            make_story(
                room,
                f"{name} statement {n + 1} of 2018",
                date=datetime.date(2018, 1 + n, 10),
                topics=[sb54],
                body=[block("statement", {"spokesperson": person.pk, "text": "<p>We will keep going.</p>"})],
                summary=f"{person.name} on the year's events, part {n + 1}.",
            )
        room.per_page = 5
        room.save_revision().publish()


def build_spanish_stories(sites, stories):
    """The Spanish home pages and rooms of both sites, Spanish labels and titles, and two of
    ``build_stories``'s stories in Spanish: CIPC's ruling statement and the coalition's
    statement CIPC signed (so CIPC's Spanish room cross-lists it)."""
    from core.models import Category, Spokesperson, Topic
    from tests.sites import translate, translate_press_sites

    spanish = translate_press_sites(sites)
    translate(sites.statement, name="Declaración")
    translate(Category.objects.get(slug="press-release"), name="Comunicado de prensa")
    for slug, name in [("sb-54", "SB 54"), ("courts", "Tribunales"), ("detention", "Detención")]:
        translate(Topic.objects.get(slug=slug), name=name)
    translate(Spokesperson.objects.get(slug="casey-placeholder"), title="directora ejecutiva")
    historias = {
        "ruling": translate(
            stories["ruling"],
            title="El CIPC elogia el fallo del Noveno Circuito",
            slug="cipc-elogia-el-fallo-del-noveno-circuito",
            summary="Otra victoria para los inmigrantes de California.",
            body=[
                block(
                    "statement",
                    {
                        "spokesperson": stories["ruling"].spokespeople.get().pk,
                        "text": "<p>La decisión de hoy es otra victoria más.</p>",
                    },
                )
            ],
        ),
        "signed": translate(
            stories["signed"],
            title="La coalición defiende la Ley de Valores de California",
            slug="la-coalicion-defiende-la-ley-de-valores-de-california",
            summary="Un juez desestima la demanda federal contra la SB 54.",
        ),
    }
    return spanish, historias
