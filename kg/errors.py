"""The one small exception hierarchy of kg; the CLI turns each into ``error: <file>: <problem>``."""

from __future__ import annotations


class KgError(Exception):
    """Base class: a problem the user can act on, tied to a path when there is one."""

    exit_code = 1

    def __init__(self, problem: str, path: object | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = None if path is None else str(path)

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem

    def __reduce__(self) -> tuple[type[KgError], tuple[str, str | None]]:
        # Errors raised in worker processes (--workers, --dask) travel back pickled.
        return (type(self), (self.problem, self.path))


class InputError(KgError):
    """An input file or folder cannot be read as documents."""

    exit_code = 2


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded."""


class GraphError(KgError):
    """A built graph is missing, locked or unreadable."""


class QueryError(KgError):
    """A SPARQL query is malformed or fails."""

    exit_code = 2


class ExportError(KgError):
    """An export cannot be written or a push cannot reach its server."""


class WorkerError(KgError):
    """A worker process or the Dask cluster of a parallel build failed."""


class ViewError(KgError):
    """A graph page cannot be drawn as asked (an unknown focus entity or type, a bad limit)."""

    exit_code = 2


class NotFoundError(KgError):
    """A name asked for is not in the graph (``kg show NAME``, ``kg viz --focus NAME``,
    ``kg remove DOC``): exit code 3 in every command, so a script can tell "not there" from
    a failure."""

    exit_code = 3


class ViewNotFoundError(ViewError, NotFoundError):
    """A page's focus entity or type is not in the graph (a ``ViewError`` too)."""

    exit_code = NotFoundError.exit_code


class KgWarning(UserWarning):
    """What ``kg.KnowledgeGraph`` reports with :mod:`warnings` (a skipped file, a document
    that is not English, a cut one); the CLI prints the same as ``warning: …`` lines."""
