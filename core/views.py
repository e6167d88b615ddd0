from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """For load balancers and container health checks: the process answers."""
    return HttpResponse("ok", content_type="text/plain")
