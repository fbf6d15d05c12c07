"""Deadline reminders (being written)."""
