"""Celery discovers each app's tasks module: importing the periodic jobs here registers them."""

from . import reminders  # noqa: F401
