"""Imported first by the harness modules that use the app (models, the test client): sets
Django up as manage.py would, with DJANGO_SETTINGS_MODULE or else the development settings
(the demo app and the story generator are installed there). A no-op once Django is set up,
as under pytest."""

import os

import django
from django.apps import apps

if not apps.ready:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    django.setup()
