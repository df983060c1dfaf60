"""Helpers for testing code built on newscorpus (needs the ``tests`` extra: hypothesis)."""

__all__: list[str] = []
