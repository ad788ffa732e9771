"""One voice for every command's help: the same names and types for the same kinds of value.

Typer names arguments three ways (``{role}``, ``{FROM}``, ``[folder]``) and shows types as
``<str>`` or ``<int range> [1<=x<=50]``. Rather than restate a convention in seventeen
signatures (and in every command still to come), the built Click command is tidied once,
here, before it runs:

* an argument is named in capitals, as its metavar or its name (``ROLE``, ``FROM``, ``DIR``),
  optional ones in brackets and repeatable ones with ``...``, and no type column (the name
  says what it is);
* an option that takes a value shows a capitalised name (``FAMILY``, ``N`` for numbers) or
  its choices (``months|steps|cost``), never a Python type;
* a number range reads ``N [1–50]`` or ``N [0 or more]``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Typer 0.28 builds on its own copy of Click (typer._click); the classes below must be its.
from typer._click import core, types
from typer._types import TyperChoice
from typer.core import TyperArgument, TyperGroup, TyperOption

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["one_voice"]


#: Names that mean the same thing as a name used elsewhere (``--data DIR``).
_SAME_AS = {"FOLDER": "DIR", "SEARCH": "TEXT"}


class _Argument(TyperArgument):
    """A Typer argument whose usage reads ``ROLE``, ``[QUAL]`` or ``ROLE...``."""

    def make_metavar(self, ctx: core.Context, *, usage: bool = False) -> str:
        name = self.metavar or (self.name or "").upper()
        if self.nargs != 1:
            name += "..."
        return name if self.required or not usage else f"[{name}]"


class _Plain(types.ParamType):
    """Wraps an argument's type so the help shows no ``<str>`` beside its name."""

    def __init__(self, inner: types.ParamType) -> None:
        self.inner = inner
        self.name = inner.name

    def get_metavar(self, param: core.Parameter, ctx: core.Context) -> str | None:
        return ""

    def convert(
        self,
        value: Any,  # noqa: ANN401 - any value passes through to the wrapped type unchanged
        param: core.Parameter | None,
        ctx: core.Context | None,
    ) -> Any:  # noqa: ANN401
        return self.inner.convert(value, param, ctx)

    def shell_complete(
        self, ctx: core.Context, param: core.Parameter, incomplete: str
    ) -> list[Any]:
        return self.inner.shell_complete(ctx, param, incomplete)


def _in_words(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"{low} or more"
    return f"at most {high}"


class _IntRange(types.IntRange):
    """An integer range described in words."""

    def _describe_range(self) -> str:
        return _in_words(self.min, self.max)


class _FloatRange(types.FloatRange):
    """A decimal range described in words."""

    def _describe_range(self) -> str:
        return _in_words(self.min, self.max)


def _tidy(param: core.Parameter) -> None:
    if isinstance(param, TyperArgument):
        param.__class__ = _Argument
        name = (param.metavar or param.name or "").strip("[]").removesuffix("...").upper()
        if param.nargs != 1:
            name = name.removesuffix("S")  # ROLE... reads as "one or more ROLE"
        param.metavar = _SAME_AS.get(name, name)
        if not isinstance(param.type, _Plain):
            param.type = _Plain(param.type)
        return
    if not isinstance(param, TyperOption) or param.is_flag or param.count:
        return
    if isinstance(param.type, types.IntRange) and not isinstance(param.type, _IntRange):
        bounded = _IntRange(param.type.min, param.type.max)
        param.type = bounded
    elif isinstance(param.type, types.FloatRange) and not isinstance(param.type, _FloatRange):
        param.type = _FloatRange(param.type.min, param.type.max)
    if param.metavar:
        return
    if isinstance(param.type, TyperChoice):
        param.metavar = "|".join(str(c) for c in param.type.choices)
    elif isinstance(param.type, types.IntParamType):
        param.metavar = "N"
    elif isinstance(param.type, types.FloatParamType):
        param.metavar = "X"
    else:
        name = (param.name or "value").upper()
        param.metavar = _SAME_AS.get(name, name)


def _commands(command: core.Command) -> Iterable[core.Command]:
    yield command
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            yield from _commands(sub)


def one_voice(command: core.Command) -> core.Command:
    """``command`` (and every subcommand) with arguments and option values named alike."""
    for each in _commands(command):
        for param in each.params:
            _tidy(param)
    return command
