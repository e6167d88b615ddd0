"""Every StreamField block the sites use, in one place.

Each block carries an icon, label, template, description and preview value, so the block
picker in the editor shows what a block makes before it is chosen. Preview values that need
a snippet or an image are callables: they look one up when the picker asks, not at import.
"""

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.forms.utils import ErrorList
from django.utils.translation import gettext, gettext_noop
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

# Restrained on purpose: structure and emphasis, no colours, sizes or embedded media.
PARAGRAPH_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]
STATEMENT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
# And of rich text fields, by what the text is for.
INLINE_TEXT = ["bold", "italic", "link"]  # a sentence or two: intros, bios, footers
SHORT_PROSE = [*INLINE_TEXT, "ul"]  # a few short paragraphs that may list things


def _first(model_label, **filters):
    from django.apps import apps

    return apps.get_model(model_label).objects.filter(**filters).order_by("pk").first()


def _sample_speaker():
    """A clearly fictional person for the previews of blocks that show a spokesperson (their
    words, bio or contact card): the picker must never attribute its sample sentence to a real
    spokesperson, nor show a real one as what a block makes (on an upgraded demo the first
    spokesperson in the database is a real person)."""
    from django.apps import apps

    network = apps.get_model("core.Organization")(
        name="Example Immigrant Rights Network (sample)", short_name="Example Network"
    )
    speaker = apps.get_model("core.Spokesperson")
    return speaker(
        name="Alex Sample",
        slug="alex-sample",
        title="Communications Director",
        organization=network,
        bio="<p>A fictional person, shown here only to preview the block.</p>",
        press_email="alex.sample@example.org",
        press_phone="(213) 555-0142",
    )


def _preview_image():
    """The first image, described by its title (an ImageBlock's value carries its alt text)."""
    from wagtail.images import get_image_model_string

    image = _first(get_image_model_string())
    if image is not None:
        image.contextual_alt_text = image.title
        image.decorative = False
    return image


def _preview_document():
    return _first("wagtaildocs.Document")


class SpokespersonChooserBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("core.Spokesperson", **kwargs)

    def bulk_to_python(self, values):
        # Published people come from the directory (read once per request, with their
        # organisation and photo); anyone else (a draft, say) is fetched, all at once, with
        # what blocks print of them, not one query per person.
        # Imported here: core.translations reads the locales, which blocks (loaded by
        # migrations) need not load.
        from core.translations import directory, localized_all

        known = directory(self.target_model)
        missing = [value for value in values if value not in known]
        fetched = dict(zip(missing, super().bulk_to_python(missing), strict=True)) if missing else {}
        prefetch_related_objects([person for person in fetched.values() if person is not None], "organization", "photo")
        people = [known.get(value) or fetched.get(value) for value in values]
        # A Spanish page shows each person's Spanish title and bio (core.translations).
        return localized_all(people)

    def deconstruct(self):
        # Keep migrations free of the target model argument this subclass supplies itself.
        path, _args, kwargs = blocks.Block.deconstruct(self)
        return path, (), kwargs


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"
        template = "blocks/paragraph.html"
        description = "Text with headings, bold, italics, links and lists."
        preview_value = (
            "<p>Community groups across California are gearing up to respond. "
            "The coalition will hold a press call at 10 a.m.</p>"
        )


class QuoteValue(blocks.StructValue):
    def attribution_line(self):
        """Who said it, as printed under the quote."""
        spokesperson = self.get("spokesperson")
        if spokesperson:
            return gettext("%(name)s, %(title_and_organization)s") % {
                "name": spokesperson.name,
                "title_and_organization": spokesperson.title_and_organization,
            }
        return self.get("attribution") or ""


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text="The quoted words, without quotation marks.")
    spokesperson = SpokespersonChooserBlock(
        required=False, help_text="Who said it. Choose a spokesperson or type an attribution."
    )
    attribution = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text="For someone who is not a spokesperson, e.g. 'Southern Poverty Law Center'.",
    )

    def clean(self, value):
        value = super().clean(value)
        has_spokesperson = bool(value.get("spokesperson"))
        has_attribution = bool((value.get("attribution") or "").strip())
        if has_spokesperson == has_attribution:
            message = (
                "Choose a spokesperson or type an attribution, not both."
                if has_spokesperson
                else "Say who said this: choose a spokesperson or type an attribution."
            )
            raise blocks.StructBlockValidationError(
                block_errors={
                    "spokesperson": ValidationError(message),
                    "attribution": ValidationError(message),
                },
                non_block_errors=ErrorList([ValidationError(message)]),
            )
        return value

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "blocks/quote.html"
        value_class = QuoteValue
        description = "A pull quote attributed to a spokesperson or to a named source."

        @staticmethod
        def preview_value():
            return {
                "text": "Sample words, shown here only to preview the block.",
                "spokesperson": _sample_speaker(),
            }


class StatementValue(blocks.StructValue):
    def lead_in(self):
        """'Cynthia Buiza, Executive Director of the California Immigrant Policy Center, issued
        the following statement:' built from the snippet, so editors never type it."""
        spokesperson = self.get("spokesperson")
        if not spokesperson:
            return ""
        return gettext("%(name)s, %(title_and_organization)s, issued the following statement:") % {
            "name": spokesperson.name,
            "title_and_organization": spokesperson.title_and_organization,
        }


class StatementBlock(blocks.StructBlock):
    spokesperson = SpokespersonChooserBlock(help_text="Who issues the statement.")
    text = blocks.RichTextBlock(
        features=STATEMENT_FEATURES,
        help_text="The statement itself. The lead-in sentence naming the spokesperson is added for you.",
    )

    class Meta:
        icon = "user"
        label = "Statement"
        template = "blocks/statement.html"
        value_class = StatementValue
        description = (
            "A statement issued by one spokesperson. Opens with 'NAME, TITLE of ORGANISATION, "
            "issued the following statement:' written from the spokesperson's details."
        )

        @staticmethod
        def preview_value():
            return {
                "spokesperson": _sample_speaker(),
                "text": "<p>Sample statement text, shown here only to preview the block.</p>",
            }


class SignatoriesStatementBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(
        features=STATEMENT_FEATURES,
        help_text="The statement. The lead-in naming the story's signatories is added for you.",
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context["lead_in"] = getattr(page, "signatories_lead_in", "") or gettext(
            "The signatories listed under this story's 'Signatories' issued the following statement:"
        )
        return context

    class Meta:
        icon = "group"
        label = "Signatories' statement"
        template = "blocks/signatories_statement.html"
        description = (
            "A statement issued jointly by the story's signatories (e.g. a coalition's steering "
            "committee). Opens with 'The … Steering Committee, including A, B and C, issued the "
            "following statement:' written from the story's signatories."
        )
        preview_value = {"text": "<p>Sample statement text, shown here only to preview the block.</p>"}


# The sizes the blocks' templates show their pictures at (templates/blocks/): a block's
# ``pictures`` says them, so the page knows whether Wagtail's renditions cache holds them.
BIO_PHOTO_SPEC = "fill-160x160"
BLOCK_IMAGE_SPEC = "width-1000"
GALLERY_IMAGE_SPEC = "fill-600x450"


def body_pictures(stream_value):
    """(image, specs) of every picture the blocks of ``stream_value`` show (images, people's
    photos: each block type's ``pictures``), for ``core.pictures``. Converts every block, as
    rendering the stream does anyway (Wagtail keeps the converted blocks)."""
    images = []
    for bound in stream_value:
        pictures = getattr(bound.block, "pictures", None)
        images += pictures(bound.value) if pictures is not None else []
    return images


class SpokespersonBioBlock(blocks.StructBlock):
    spokesperson = SpokespersonChooserBlock(help_text="Their photo, title, organization and bio are shown.")

    def pictures(self, value):
        """What the story page fetches the renditions of (``body_pictures``): the person's photo."""
        return [(value["spokesperson"].photo, [BIO_PHOTO_SPEC])] if value["spokesperson"] is not None else []

    class Meta:
        icon = "user"
        label = "Spokesperson bio"
        template = "blocks/spokesperson_bio.html"
        description = "A spokesperson's photo, name, title, organization and bio, for journalists' reference."

        @staticmethod
        def preview_value():
            return {"spokesperson": _sample_speaker()}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Describe the image for screen readers, or mark it decorative.")
    caption = blocks.CharBlock(required=False, max_length=500, help_text="Shown under the image. Optional.")
    credit = blocks.CharBlock(required=False, max_length=255, help_text="Photographer or source. Optional.")

    def pictures(self, value):
        return [(value["image"], [BLOCK_IMAGE_SPEC])]

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/image.html"
        description = "A photo or graphic with a caption and credit."

        @staticmethod
        def preview_value():
            image = _preview_image()
            return {"image": image, "caption": "Rally at the State Capitol.", "credit": "CIPC"}


class VideoEmbedBlock(blocks.StructBlock):
    url = EmbedBlock(help_text="A YouTube, Vimeo or other oEmbed link.")
    title = blocks.CharBlock(
        max_length=255, help_text="What the embed shows; also the text of the link shown if it can't load."
    )

    class Meta:
        icon = "media"
        label = "Embed"
        template = "blocks/embed.html"
        description = "A video or post from YouTube, Vimeo and other oEmbed services, with a link to the original."
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Press conference on the SB 54 ruling",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(help_text="A PDF or other file from the document library.")
    title = blocks.CharBlock(
        required=False, max_length=255, help_text="Link text. Leave blank to use the document's title."
    )

    class Meta:
        icon = "doc-full"
        label = "Document"
        template = "blocks/document.html"
        description = "A link to a document (court filing, letter, report) with its type and size."

        @staticmethod
        def preview_value():
            return {"document": _preview_document(), "title": "Read the court's ruling"}


class GalleryImageBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Describe the image for screen readers, or mark it decorative.")
    caption = blocks.CharBlock(required=False, max_length=500, help_text="Shown under this image. Optional.")

    class Meta:
        icon = "image"
        label = "Gallery image"


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(GalleryImageBlock(), min_num=1, help_text="Shown as a grid, in this order.")
    caption = blocks.CharBlock(required=False, max_length=500, help_text="About the whole gallery. Optional.")

    def pictures(self, value):
        """What the story page fetches the renditions of (``body_pictures``): every image."""
        return [(item["image"], [GALLERY_IMAGE_SPEC]) for item in value["images"]]

    class Meta:
        icon = "image"
        label = "Gallery"
        template = "blocks/gallery.html"
        description = "Several photos shown together as a grid, each with its own caption."

        @staticmethod
        def preview_value():
            image = _preview_image()
            return {"images": [{"image": image, "caption": "First photo"}, {"image": image, "caption": "Second"}]}


class StoryTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = "Table"
        template = "blocks/table.html"
        description = "Figures in rows and columns (vote counts, dates, budgets), with an optional caption."
        preview_value = {
            "data": [["Vote", "Ayes", "Noes"], ["Assembly", "54", "21"], ["Senate", "27", "11"]],
            "table_header_choice": "row",
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Sample vote count",
        }


class SeparatorBlock(blocks.StaticBlock):
    class Meta:
        icon = "horizontalrule"
        label = "Separator"
        template = "blocks/separator.html"
        admin_text = "A line between two parts of the story."
        description = "A thin line between two parts of the story."
        preview_value = None


class MediaFileBlock(blocks.StructBlock):
    file = DocumentChooserBlock(help_text="The recording, uploaded to the document library.")
    title = blocks.CharBlock(max_length=255, help_text="What it is; also the text of the download link under it.")

    class Meta:
        @staticmethod
        def preview_value():
            return {"file": _preview_document(), "title": "Recording of the press call"}


class AudioBlock(MediaFileBlock):
    class Meta:
        icon = "media"
        label = "Audio"
        template = "blocks/audio.html"
        description = "A sound recording (MP3, M4A, OGG) played on the page, with a download link."


class VideoFileBlock(MediaFileBlock):
    class Meta:
        icon = "media"
        label = "Video file"
        template = "blocks/video.html"
        description = "A video file (MP4, WebM) played on the page. For YouTube or Vimeo use an Embed."


class ButtonBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=80, help_text="What the button says, e.g. 'Sign the petition'.")
    url = blocks.URLBlock(help_text="Where it leads.")


class ButtonsBlock(blocks.StructBlock):
    buttons = blocks.ListBlock(ButtonBlock(), min_num=1, help_text="Shown side by side.")

    class Meta:
        icon = "link"
        label = "Buttons"
        template = "blocks/buttons.html"
        description = "One or more prominent links, e.g. to a petition or an event's sign-up page."
        preview_value = {"buttons": [{"text": "Read the report", "url": "https://example.org/"}]}


# What a media contacts block is headed unless the editor says otherwise: stored in English,
# shown in the page's language ("Contactos de prensa" on a Spanish page).
MEDIA_CONTACTS = gettext_noop("Media contacts")


class MediaContactsValue(blocks.StructValue):
    def shown_heading(self):
        """The heading as the page shows it: the stored default in the page's language (a
        story translated with Wagtail's "Translate" keeps the English one), else as written."""
        heading = (self.get("heading") or "").strip()
        return gettext(MEDIA_CONTACTS) if heading == MEDIA_CONTACTS else heading


class MediaContactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default=MEDIA_CONTACTS, max_length=80, help_text="Usually 'Media contacts'.")
    contacts = blocks.ListBlock(
        SpokespersonChooserBlock(),
        min_num=1,
        help_text="Each contact is shown with their press phone and email.",
    )

    class Meta:
        icon = "mail"
        label = "Media contacts"
        template = "blocks/media_contacts.html"
        value_class = MediaContactsValue
        description = "Who journalists should call or email, with press phone and email from the snippet."

        @staticmethod
        def preview_value():
            return {"heading": "Media contacts", "contacts": [_sample_speaker()]}


class SocialLinkValue(blocks.StructValue):
    def platform_label(self):
        return dict(SOCIAL_PLATFORMS).get(self.get("platform"), "Link")


SOCIAL_PLATFORMS = [
    ("bluesky", "Bluesky"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("mastodon", "Mastodon"),
    ("threads", "Threads"),
    ("x", "X (Twitter)"),
    ("youtube", "YouTube"),
    ("other", "Other"),
]


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(choices=SOCIAL_PLATFORMS, help_text="Which network.")
    url = blocks.URLBlock(help_text="The full address of the profile.")

    class Meta:
        icon = "link"
        label = "Social link"
        template = "blocks/social_link.html"
        value_class = SocialLinkValue
        description = "A link to the organization's profile on a social network."
        preview_value = {"platform": "instagram", "url": "https://www.instagram.com/"}


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    statement = StatementBlock()
    signatories_statement = SignatoriesStatementBlock()
    quote = QuoteBlock()
    spokesperson_bio = SpokespersonBioBlock()
    image = CaptionedImageBlock()
    embed = VideoEmbedBlock()
    document = DocumentLinkBlock()
    gallery = GalleryBlock()
    table = StoryTableBlock()
    audio = AudioBlock()
    video = VideoFileBlock()
    buttons = ButtonsBlock()
    separator = SeparatorBlock()
    media_contacts = MediaContactsBlock()

    # Blocks in which a spokesperson speaks for the story, and the field naming them: a story
    # is listed under these people. Media contacts answer the phone; they are not listed.
    SPOKESPERSON_FIELDS = {
        "statement": "spokesperson",
        "quote": "spokesperson",
        "spokesperson_bio": "spokesperson",
    }


def spokesperson_ids(stream_value):
    """The primary keys of the spokespeople who speak in a story body, in order of first mention.

    Reads raw block data, so no snippet is fetched from the database."""
    seen = []
    for item in stream_value.raw_data:
        field = StoryBodyBlock.SPOKESPERSON_FIELDS.get(item["type"])
        if not field:
            continue
        pk = (item.get("value") or {}).get(field)  # each of these blocks names one person
        if pk and pk not in seen:
            seen.append(pk)
    return seen
