"""Which language a request is in: the address says, and nothing else does.

English lives at today's addresses and every other language under its prefix (/es/…), so one
address always shows one language. Django's LocaleMiddleware would also read Accept-Language
and the language cookie for addresses without a prefix, and then add ``Vary: Accept-Language``
to every English page; Varnish would keep one copy per header value a browser sends (and
Wagtail's admin picks its own language from the editor's profile anyway). Deciding by the
address keeps one cached copy per address and makes a garbage header harmless."""

from django.conf import settings
from django.utils import translation

from core import translations


def language_of_path(path):
    """The language the path's prefix names exactly (``/es/…`` → ``es``), else the default.
    Variants are not guessed (``/es-mx/`` is an English address, so a 404)."""
    prefix = path.lstrip("/").split("/", 1)[0]
    if prefix != settings.LANGUAGE_CODE and prefix in dict(settings.LANGUAGES):
        return prefix
    return settings.LANGUAGE_CODE


class URLLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        translations.start_request()
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
