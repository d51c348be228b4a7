"""The outcome of checking one answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Result:
    value: Any = None  # JSON-serialisable normalised value when accepted
    error: str | None = None  # catalogue key of the re-ask when rejected
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    @classmethod
    def reject(cls, error: str, **params: Any) -> Result:  # noqa: ANN401
        return cls(error=error, params=params)
