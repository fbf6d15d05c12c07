"""End-to-end walks through the pages; fixtures come from tests/browser.py."""
