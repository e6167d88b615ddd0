"""gunicorn settings for the container; every value can be overridden from the environment."""

import multiprocessing
import os

import gunicorn.http.wsgi

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Recycling a worker throws away a warm process (1,000 restarted 11 workers in four minutes of
# load). `make bench` (2026-12-07, recycling off) saw a worker grow 9-15 MiB over its first
# 2,500 requests (imports, templates, connections) and about 1 MiB over the next 2,500: no
# leak to speak of. So only a rare recycle stays, as a guard against a leak in a future release.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn names itself in every response ("Server: gunicorn"), telling an attacker which
# server, and so which known flaws, to try. gunicorn 27 writes the module global SERVER of
# gunicorn.http.wsgi into each Response it creates (HTTP/1 and HTTP/2): make it say nothing
# useful. (SERVER_SOFTWARE only reaches the WSGI environ, never the visitor.)
gunicorn.http.wsgi.SERVER = "web"
