from wagtail import hooks

from teams.access import explorable_pages


@hooks.register("construct_page_chooser_queryset")
def only_pages_of_the_users_sites(pages, request):
    """The page chooser lists the user's own sites only, never another team's pages."""
    return pages.filter(pk__in=explorable_pages(request.user).values("pk"))
