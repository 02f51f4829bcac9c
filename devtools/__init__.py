"""Tooling for tests, demos and the benchmark (PostgreSQL clusters of their own):
not part of kbase, which never imports it."""
