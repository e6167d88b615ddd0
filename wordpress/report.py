"""What an import did, as the command and the admin show it: counted rows and grouped warnings."""

from collections import Counter
from dataclasses import dataclass, field

NAMED_POSTS = 5  # posts a warning names; the rest are counted


@dataclass
class Warned:
    """One kind of warning: how often it was given, for how many posts (a post's warnings come
    together, so a change of name is a new post), and the first posts' names with their counts."""

    n: int = 0
    posts: int = 0
    last: str = ""
    names: dict = field(default_factory=dict)


@dataclass
class ImportReport:
    posts_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    unpublished: int = 0
    skipped: Counter = field(default_factory=Counter)
    images_imported: int = 0
    documents_imported: int = 0
    images_linked: int = 0
    redirects_created: int = 0
    # {message: Warned}: one line per kind of problem, naming each post once
    warnings: dict = field(default_factory=dict)
    unmatched_names: Counter = field(default_factory=Counter)
    edited_in_wagtail: list = field(default_factory=list)
    unmapped_terms: Counter = field(default_factory=Counter)  # with --map: terms it does not name

    def warn(self, message, post_name=None):
        """Counts ``message`` (for ``post_name``, when it is about one post). A post warned of
        the same thing again is named once, with a count; a message with no post is one line."""
        warned = self.warnings.setdefault(message, Warned())
        warned.n += 1
        if not post_name:
            return
        if post_name != warned.last:
            warned.last = post_name
            warned.posts += 1
        if post_name in warned.names or len(warned.names) < NAMED_POSTS:
            warned.names[post_name] = warned.names.get(post_name, 0) + 1

    def warning_lines(self):
        for message, warned in self.warnings.items():
            if not warned.names:
                yield message
                continue
            names = [name if n == 1 else f"{name} ({n} times)" for name, n in warned.names.items()]
            more = warned.posts - len(warned.names)
            yield f"{message}: {', '.join(names)}" + (f" and {more} more" if more > 0 else "")
        if self.unmapped_terms:
            terms = ", ".join(f"{name} ({n})" for name, n in self.unmapped_terms.most_common())
            yield f"categories and tags not in the map file, imported as without one: {terms}"

    def rows(self):
        rows = [
            ("Posts read", self.posts_read),
            ("Stories created", self.created),
            ("Stories updated", self.updated),
            ("Stories unchanged", self.unchanged),
            ("Stories unpublished", self.unpublished),
        ]
        rows += [(f"Skipped: {reason}", n) for reason, n in sorted(self.skipped.items())]
        rows += [
            ("Images imported", self.images_imported),
            ("Images kept as links", self.images_linked),
            ("Files imported (audio, video, documents)", self.documents_imported),
            ("Redirects created", self.redirects_created),
            ("Warnings", sum(warned.n for warned in self.warnings.values()) + bool(self.unmapped_terms)),
        ]
        return rows
