import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Wagtail caches site root paths; each test builds its own sites.
    cache.clear()
    yield
    cache.clear()
