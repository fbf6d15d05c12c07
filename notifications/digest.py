"""Daily digests (being written)."""
