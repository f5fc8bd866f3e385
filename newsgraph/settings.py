"""One frozen settings object: what every command and the library read their defaults from.

The ``newsgraph`` command builds it once (from the environment) in its root group and hands it to
every subcommand through click's context; command-line options then override single fields. The
library takes the same object, so a default is written in one place only.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any, Mapping, Optional

__all__ = ["DEFAULT_DB", "Settings"]

DEFAULT_DB = "newsgraph.db"


@dataclass(frozen=True)
class Settings:
    """Defaults for a run. Frozen: change a field with :meth:`but`, which returns a new object."""

    db: str = DEFAULT_DB  # a SQLite file path, sqlite:///path or postgresql://user@host/db
    dictionaries: Optional[str] = None  # a folder of PETRARCH-format event dictionaries
    processes: Optional[int] = None  # analysis worker processes; None: decided by the batch size

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        """Settings from ``NEWSGRAPH_DB`` and ``NEWSGRAPH_DICTIONARIES``, the built-in defaults otherwise."""
        return cls(
            db=environ.get("NEWSGRAPH_DB") or DEFAULT_DB,
            dictionaries=environ.get("NEWSGRAPH_DICTIONARIES") or None,
        )

    def but(self, **changes: Any) -> "Settings":
        """A copy with the given fields changed; a change of None keeps the current value."""
        return dataclasses.replace(self, **{name: value for name, value in changes.items() if value is not None})
