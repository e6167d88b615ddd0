"""The sample story the browser tests send to a media list: a fictional spokesperson's statement
on the coalition's site."""

from tests.factories import SpokespersonFactory, make_story, statement

HELP_LINE = "Network opens a sample help line"


def help_line_story(sites, **fields):
    person = SpokespersonFactory(name="Casey Placeholder", organization=sites.sample_org)
    return make_story(
        sites.coalition_press,
        HELP_LINE,
        category=sites.statement,
        body=[statement(person, "<p>Every sample family deserves a lawyer.</p>")],
        **fields,
    )
