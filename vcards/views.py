from django.http import Http404, HttpResponse

from core.models import Spokesperson
from vcards.vcard import spokesperson_vcard as vcard_of


def spokesperson_vcard(request, slug):
    """A spokesperson's press contact as a vCard, for journalists' address books. Only people
    who are published and still active: anyone else is the site's ordinary 404."""
    person = Spokesperson.objects.filter(slug=slug, live=True, active=True).select_related("organization").first()
    if person is None:
        raise Http404("No such contact")
    response = HttpResponse(vcard_of(person), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{person.slug}.vcf"'
    return response
