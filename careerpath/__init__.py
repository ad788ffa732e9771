"""careerpath: map health and care careers from sourced YAML role profiles."""

__version__ = "0.1.0"
