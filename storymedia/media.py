"""What a story offers journalists to take away: its pictures (the listing and share images and
those of its image and gallery blocks) and its files (document, audio and video blocks), each
once, in the order a reader meets them, with who made a picture and on what terms."""

from dataclasses import dataclass

# Body blocks that show a picture, and where their image sits in the block's value.
IMAGE_BLOCKS = ("image", "gallery")
# Body blocks that offer a file from the document library, and the field naming it.
FILE_BLOCKS = {"document": "document", "audio": "file", "video": "file"}


@dataclass(frozen=True)
class StoryImage:
    image: object  # images.CreditedImage
    caption: str
    credit: str  # the block's own credit, else the image's

    @property
    def pk(self):
        return self.image.pk

    @property
    def licence(self):
        return self.image.licence

    @property
    def licence_url(self):
        return self.image.licence_url

    @property
    def kind(self):
        return self.image.file.name.rsplit(".", 1)[-1].upper() if "." in self.image.file.name else ""


@dataclass(frozen=True)
class StoryFile:
    document: object  # wagtail Document
    title: str


@dataclass(frozen=True)
class StoryMedia:
    images: list
    files: list

    def image(self, image_id):
        """The story's picture ``image_id``, or None: only its own pictures may be downloaded."""
        return next((item for item in self.images if item.pk == image_id), None)


def story_media(story):
    """The pictures and files ``story`` shows (its live version: the one the visitor has).
    Reads the blocks the page renders anyway (Wagtail keeps them converted) and the share image,
    which costs a query only when the editor chose one apart from the listing image."""
    images, seen = [], {}  # seen: image id -> its place in images

    def add(image, caption="", credit=""):
        if image is None:
            return
        if image.pk not in seen:
            seen[image.pk] = len(images)
            images.append(StoryImage(image, caption or "", credit or image.credit or ""))
        elif credit:
            # A block's own credit wins over the image's, wherever the picture came first.
            place = seen[image.pk]
            images[place] = StoryImage(image, images[place].caption or caption or "", credit)

    add(story.listing_image)
    for bound in story.body:
        if bound.block_type == "image":
            add(bound.value.get("image"), bound.value.get("caption"), bound.value.get("credit"))
        elif bound.block_type == "gallery":
            for item in bound.value.get("images") or ():
                add(item.get("image"), item.get("caption"))
    if story.social_image_id is not None:
        add(story.social_image)

    files, seen_files = [], set()
    for bound in story.body:
        field = FILE_BLOCKS.get(bound.block_type)
        document = bound.value.get(field) if field else None
        if document is not None and document.pk not in seen_files:
            seen_files.add(document.pk)
            files.append(StoryFile(document, bound.value.get("title") or document.title))
    return StoryMedia(images, files)
