"""Related rows carried inside the query that finds their parent, as JSON.

A story's page shows its topics, dated notes, signatories and language versions: read one
relation at a time, that is a query each. ``json_rows`` asks for them as arrays inside the
story's own query (correlated subqueries, each answered by an index on the related table), and
``from_json`` turns the rows back into model instances, as Django's own ``from_db`` would. Only
for what a page shows; nothing here is kept beyond the query's result."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F
from django.db.models.functions import JSONObject


def model_fields(model, prefix=""):
    """{attname: F(prefix + attname)} of every column of ``model``: what ``json_rows`` reads
    of a related record (``prefix`` follows a foreign key, e.g. "organization__")."""
    return {field.attname: F(prefix + field.attname) for field in model._meta.concrete_fields}


def json_rows(queryset, **fields):
    """An annotation: the rows of ``queryset`` (correlated with ``OuterRef``), in its order, each
    a JSON object of ``fields`` (expressions, or nested ``JSONObject``s for related records)."""
    return ArraySubquery(queryset.values(row=JSONObject(**fields)))


def from_json(model, row):
    """A ``model`` instance from one JSON row of its columns (``model_fields``), each value
    converted as the field converts form input (dates, UUIDs), and marked as read from the
    database, as the ORM marks what it loads. Keys that are not columns (nested rows) are
    left to the caller."""
    names = [field.attname for field in model._meta.concrete_fields if field.attname in row]
    values = [model._meta.get_field(name).to_python(row[name]) for name in names]
    return model.from_db("default", names, values)
