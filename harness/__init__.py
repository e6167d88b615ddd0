"""The benchmark and stack harness: what measures and exercises the project, never what it
runs. Outside INSTALLED_APPS and outside the Docker image (.dockerignore); each module is run
from the repository root as ``python -m harness.<name>`` (the Makefile's stack, bench and
survive targets do). The deployment files themselves (deploy/varnish/default.vcl,
gunicorn.conf.py, the Dockerfile) stay where production reads them."""
