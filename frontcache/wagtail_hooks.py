from wagtail import hooks


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """Which page answers the request: SharedCacheMiddleware files the answer under the keys
    that page states (``get_cache_keys``)."""
    request.frontcache_page = page
