"""Importers: turn other people's career data into a careerpath pathways folder."""
