"""The admin's page API (the explorer menu, choosers) with its query string checked first.

Wagtail refuses a NUL byte in the API's field filters, but not in ``search`` (PostgreSQL then
fails on it) and it lets ``offset`` grow past what the database can count to. Both gave a
server error; here they get the API's own 400 with a message, before Wagtail builds a query."""

from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.api.v2.utils import BadRequestError

# No press room has a billion pages; PostgreSQL's bigint ends near 9.2 × 10¹⁸.
MAX_OFFSET = 10**9


class CheckedPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        for name, values in self.request.GET.lists():
            if any("\x00" in value for value in values):
                raise BadRequestError(f"null characters are not allowed in {name}")
        offset = self.request.GET.get("offset", "")
        if offset.isascii() and offset.isdigit() and int(offset) >= MAX_OFFSET:
            raise BadRequestError(f"offset must be lower than {MAX_OFFSET}")
