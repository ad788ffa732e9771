"""Analyses over a Catalogue: each returns plain frozen results for a renderer to show."""
