"""Celery discovers each app's tasks module: importing the periodic jobs here registers them."""

from . import (
    exports,  # noqa: F401
    reminders,  # noqa: F401
)
