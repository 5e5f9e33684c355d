"""Finding the object at a dotted path such as ``project.experiments.second.config``.

The path does not say where the module ends and the attributes begin, so
:func:`locate` imports the longest prefix that is a module and reads the rest
as attributes. Every way this can fail raises :class:`LocateError` whose
message is one paragraph for the command line.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

from pconfigs.config import is_config, is_config_class
from pconfigs.errors import PconfigsError, describe, did_you_mean, message
from pconfigs.exits import Terminated, exit_message, exits_trapped, is_exit

__all__ = ["LocateError", "locate", "locate_config"]


class LocateError(PconfigsError, LookupError):
    """The dotted path does not lead to the object the command needs.

    ``cause`` is the exception raised while importing, if any, so
    ``--traceback`` can show it.
    """

    def __init__(self, text: str, cause: BaseException | None = None) -> None:
        super().__init__(text)
        self.cause = cause


def locate(path: str) -> object:
    """Import ``path``'s module and return the attribute it names."""
    parts = path.split(".")
    if not path or not all(part.isidentifier() for part in parts):
        raise LocateError(
            message(
                f'"{path}" is not a dotted path',
                "Fix: name the object like an import: package.module.attribute",
            )
        )
    module, used = _import_longest(path, parts)
    obj: object = module
    for index in range(used, len(parts)):
        obj = _attribute(path, obj, ".".join(parts[:index]), parts[index])
    return obj


def _attribute(path: str, owner: object, owner_path: str, name: str) -> object:
    """``owner.name``; a property that raises on the way is a failure too."""
    try:
        return getattr(owner, name)
    except AttributeError:
        raise _missing_attribute(path, owner, owner_path, name) from None
    except Exception as error:
        raise LocateError(
            message(
                f'Cannot read "{path}": reading {owner_path}.{name} raised '
                f"{type(error).__name__}: {error}",
                "Run again with --traceback to see where",  # cli.py strips this line
            ),
            cause=error,
        ) from error


def locate_config(path: str) -> object:
    """:func:`locate`, then check that the object is a config instance."""
    obj = locate(path)
    if is_config(obj):
        return obj
    if is_config_class(obj):
        name = getattr(obj, "__qualname__", path)
        raise LocateError(
            message(
                f'"{path}" is the config class {name}, not a config',
                "pconfigs takes the dotted path of a config object, "
                f"e.g. `config = {name}(...)` in an experiment module",
            )
        )
    raise LocateError(
        message(
            f'"{path}" is not a config: got {describe(obj)}',
            "pconfigs takes the dotted path of a config object (an instance of "
            "a @pconfig class), e.g. project.experiments.second.config",
        )
    )


def _import_longest(path: str, parts: list[str]) -> tuple[ModuleType, int]:
    """The deepest module along ``parts`` and how many parts it used."""
    module: ModuleType | None = None
    for used in range(1, len(parts) + 1):
        name = ".".join(parts[:used])
        try:
            with exits_trapped():
                module = importlib.import_module(name)
        except (KeyboardInterrupt, Terminated):  # the user stopping the tool
            raise
        except ModuleNotFoundError as error:
            if error.name != name:
                raise _import_failed(path, name, error) from error
            if module is None:
                raise _module_not_found(path, name) from None
            return module, used - 1
        except BaseException as error:  # SystemExit too: exiting is no success
            raise _import_failed(path, name, error) from error
    assert module is not None
    return module, len(parts)


def _module_not_found(path: str, name: str) -> LocateError:
    return LocateError(
        message(
            f'Cannot import "{path}": no module named "{name}"',
            f'Fix: run from the directory that contains "{name}", '
            "or install the package that provides it",
        )
    )


def _import_failed(path: str, name: str, error: BaseException) -> LocateError:
    if is_exit(error):
        headline, fix = exit_message(name, error)
        return LocateError(message(f'Building "{path}" failed: {headline}', fix))
    if isinstance(error, SyntaxError) and error.filename and error.lineno:
        return LocateError(
            message(
                f'Building "{path}" failed: importing {name} raised '
                f"SyntaxError: {error.msg}",
                f"at {_shown(error.filename)}:{error.lineno}",
            ),
            cause=error,
        )
    return LocateError(
        message(
            f'Building "{path}" failed: importing {name} raised '
            f"{type(error).__name__}: {error}",
            "Run again with --traceback to see where",  # cli.py strips this line
        ),
        cause=error,
    )


def _shown(filename: str) -> str:
    """``filename`` relative to the current directory when it lies below it."""
    import os

    relative = os.path.relpath(filename)
    return filename if relative.startswith("..") else relative


def _missing_attribute(
    path: str, owner: object, owner_path: str, name: str
) -> LocateError:
    # An int or a str along the path has no __dict__: nothing to suggest.
    namespace = getattr(owner, "__dict__", None) or {}
    configs = [key for key, value in namespace.items() if is_config(value)]
    submodules = _submodules(owner)
    kind = "module" if isinstance(owner, ModuleType) else "object"
    details = [f"Configs in {owner_path}: {', '.join(configs) or 'none'}"]
    if submodules:
        details.append(f"Modules in {owner_path}: {', '.join(submodules)}")
    return LocateError(
        message(
            f'Cannot find "{path}": {kind} {owner_path} has no attribute "{name}"'
            + did_you_mean(name, configs + submodules),
            *details,
        )
    )


def _submodules(owner: object) -> list[str]:
    if not isinstance(owner, ModuleType) or not hasattr(owner, "__path__"):
        return []
    import pkgutil  # only on the error path

    return [info.name for info in pkgutil.iter_modules(owner.__path__)]


def ensure_cwd_on_path() -> None:
    """Make the current directory importable, as ``python -m`` does."""
    if "" not in sys.path and "." not in sys.path:
        import os

        cwd = os.getcwd()
        if cwd not in sys.path:
            sys.path.insert(0, cwd)
