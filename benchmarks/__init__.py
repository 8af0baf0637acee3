"""Benchmarks of the course: ``make bench`` (``python -m benchmarks``) writes BENCHMARKS.md."""
