"""The smallest WSGI app for `make bench`: WhiteNoise serving one folder (BENCH_WHITENOISE_ROOT,
"/press/" -> press/index.html), nothing else."""

import os

from whitenoise import WhiteNoise


def not_found(environ, start_response):
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found"]


application = WhiteNoise(not_found, root=os.environ["BENCH_WHITENOISE_ROOT"], index_file=True)
