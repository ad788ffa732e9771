"""Reading pathways folders: YAML files → located documents → a validated Catalogue."""
