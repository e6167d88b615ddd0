"""What an import did, as the command and the admin show it: counted rows and grouped warnings."""

from collections import Counter
from dataclasses import dataclass, field


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
    # {message: [number of posts, the first few posts' names]}: one line per kind of problem
    warnings: dict = field(default_factory=dict)
    unmatched_names: Counter = field(default_factory=Counter)
    edited_in_wagtail: list = field(default_factory=list)
    unmapped_terms: Counter = field(default_factory=Counter)  # with --map: terms it does not name

    def warn(self, message, post_name=None):
        n, names = self.warnings.get(message, (0, []))
        if post_name and len(names) < 5:
            names.append(post_name)
        self.warnings[message] = (n + 1, names)

    def warning_lines(self):
        for message, (n, names) in self.warnings.items():
            if not names:
                yield message
                continue
            more = f" and {n - len(names)} more" if n > len(names) else ""
            yield f"{message}: {', '.join(names)}{more}"
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
            ("Warnings", sum(n for n, _posts in self.warnings.values()) + bool(self.unmapped_terms)),
        ]
        return rows
