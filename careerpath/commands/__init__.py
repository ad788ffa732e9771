"""One module per command: its options, its body and nothing else (issue 19).

``careerpath.cli`` registers each command with one line. A command module parses nothing by
hand: it declares its options with Typer annotations, calls the core (analysis, loading) and
hands the result to a renderer. Heavy imports stay inside the command function.
"""
