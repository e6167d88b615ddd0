"""/healthz/ (the process answers) and /readyz/ (the database and the cache answer), for
container health checks and load balancers."""

import time

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.utils.crypto import get_random_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_redis.exceptions import ConnectionInterrupted

from resilience.cache import ResilientRedisClient


@never_cache
def healthz(request):
    """Liveness, for container health checks: the process answers. Touches nothing else."""
    return HttpResponse("ok", content_type="text/plain")


def _timed(check):
    started = time.perf_counter()
    ok = check()
    return {"status": "ok" if ok else "down", "ms": round((time.perf_counter() - started) * 1000, 1)}


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers():
    cache = caches["default"]
    client = getattr(cache, "client", None)
    if isinstance(client, ResilientRedisClient):
        # Through the circuit breaker: while Redis is known to be down this answers at once.
        try:
            return bool(client.ping())
        except ConnectionInterrupted:
            return False
    key, value = "readyz:" + get_random_string(12), get_random_string(12)
    cache.set(key, value, 10)
    answered = cache.get(key) == value
    cache.delete(key)
    return answered


@never_cache
@require_GET
def readyz(request):
    """Readiness, for load balancers: the database and the cache, reported separately.

    503 only when the database does not answer, since no page can be served without it. A
    cache outage is "degraded" but still 200: pages are served without the cache (slower),
    and a shared Redis failing must not take every instance out of the load balancer at once."""
    checks = {"database": _timed(_database_answers), "cache": _timed(_cache_answers)}
    if checks["database"]["status"] != "ok":
        overall, status = "unavailable", 503
    elif checks["cache"]["status"] != "ok":
        overall, status = "degraded", 200
    else:
        overall, status = "ok", 200
    return JsonResponse({"status": overall, "checks": checks}, status=status)
