"""Editors' warnings about the stories they save."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import messages

from press.models import StoryPage

EMPTY_BODY_WARNING = (
    "“{title}” has no text in its body yet. It was saved as a draft, but it cannot be shared "
    "(no embargoed preview link) until it has some."
)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_an_empty_body(request, page):
    # A draft may be incomplete, but saving one with nothing in it should not look like success.
    if isinstance(page, StoryPage) and not page.has_body:
        messages.warning(request, EMPTY_BODY_WARNING.format(title=page.get_admin_display_title()))


@hooks.register("insert_editor_js")
def clear_inline_button():
    return format_html('<script src="{}"></script>', static("press/js/clear-inline.js"))
