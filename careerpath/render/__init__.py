"""Renderers: results → strings or Rich renderables. They never print; the CLI does."""
