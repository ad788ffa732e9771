"""One module per command: its options, its body and nothing else (issue 19).

``careerpath.cli`` imports each module and registers its command with one line. A command
module parses nothing by hand: it declares its options with Typer annotations (the options the
fast path also reads are described once in ``careerpath.options``), calls the core (analysis,
loading) and hands the result to a renderer. What several commands share is in ``common``
(and, for the framework commands, ``training_inputs``). Heavy imports stay inside the command
function.
"""
