"""Where WordPress's categories and tags go: a mapping file (``import_wordpress --map FILE``).

One line per WordPress term, as CSV: the term (its slug or its name, as WordPress shows them),
then what it becomes here, ``category:<slug or name>``, ``topic:<slug or name>`` or ``skip``.
Blank lines and lines starting with ``#`` are ignored::

    # WordPress term, this site's category or topic
    press-releases, category:press-release
    SB 54, topic:sb-54
    Uncategorized, skip

The categories and topics named must exist (a typo would otherwise make a new one): the
whole file is checked before anything is imported, and every bad line is named. Terms the
file does not name are imported as without a map (and listed in the report)."""

import csv
import io

from django.db.models import Q

from core.models import Category, Topic, in_default_locale

SKIP = "skip"
KINDS = {"category": Category, "topic": Topic}
MAX_LINES = 10_000
MAX_BYTES = 1_000_000  # a map longer than this is not a map


class TermMapError(ValueError):
    """The mapping file cannot be used: every bad line, one per line."""


class TermMap:
    def __init__(self, targets):
        self.targets = targets  # {casefolded slug or name: Category, Topic or SKIP}

    @classmethod
    def from_text(cls, text):
        targets, errors = {}, []
        rows = csv.reader(io.StringIO(text), skipinitialspace=True)
        for number, row in enumerate(rows, start=1):
            if number > MAX_LINES:
                errors.append(f"more than {MAX_LINES:,} lines")
                break
            row = [cell.strip() for cell in row]
            if not row or not any(row) or row[0].startswith("#"):
                continue
            if len(row) != 2 or not row[0] or not row[1]:
                errors.append(f"line {number}: expected “WordPress term, category:… or topic:… or skip”")
                continue
            term, target = row
            try:
                targets[term.casefold()] = cls._target(target)
            except TermMapError as error:
                errors.append(f"line {number}: {error}")
        if errors:
            raise TermMapError("\n".join(errors))
        return cls(targets)

    @staticmethod
    def _target(target):
        if target.casefold() == SKIP:
            return SKIP
        kind, _, name = target.partition(":")
        model = KINDS.get(kind.strip().casefold())
        name = name.strip()
        if model is None or not name:
            raise TermMapError(f"“{target}” is not category:…, topic:… or skip")
        found = model.objects.filter(in_default_locale()).filter(Q(slug=name) | Q(name__iexact=name)).first()
        if found is None:
            raise TermMapError(f"no {kind.strip().casefold()} “{name}” on this site")
        return found

    def get(self, slug, name):
        """The Category, Topic or SKIP for a WordPress term, or None when the file does not name it."""
        return self.targets.get(slug.casefold()) or self.targets.get(name.casefold())
