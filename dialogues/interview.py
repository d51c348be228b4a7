"""The interview definition loaded from dialogues/interview.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DEFINITION = Path(__file__).resolve().parent / "interview.yml"
SKIPPED = "__skipped__"  # slot value of a question skipped after failed tries or by choice
NONE = "__none__"  # slot value of a group's first question answered with "none"


@dataclass(frozen=True)
class Field:
    slot: str
    kind: str
    optional: bool = False
    group: str | None = None
    repeat: bool = False
    none_allowed: bool = False
    options: tuple[str, ...] = ()
    option_label: str = ""
    max_length: int = 500

    def option_key(self, option: str) -> str:
        return self.option_label.format(option=option)


@dataclass(frozen=True)
class Group:
    name: str
    counter: str
    slots: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Interview:
    fields: tuple[Field, ...]
    groups: dict[str, Group]
    max_attempts: int

    @property
    def slots(self) -> list[str]:
        return [f.slot for f in self.fields]

    def field(self, slot: str) -> Field:
        for candidate in self.fields:
            if candidate.slot == slot:
                return candidate
        raise KeyError(slot)

    def profile_fields(self) -> list[str]:
        """What a person sees and can correct: each plain field, each group once."""
        names: list[str] = []
        for f in self.fields:
            name = f.group or f.slot
            if name not in names:
                names.append(name)
        return names

    def slots_of(self, profile_field: str) -> list[str]:
        if profile_field in self.groups:
            return list(self.groups[profile_field].slots)
        return [self.field(profile_field).slot]


@lru_cache(maxsize=1)
def load_interview(path: Path = DEFINITION) -> Interview:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    fields = tuple(
        Field(
            slot=f["slot"],
            kind=f["kind"],
            optional=f.get("optional", False),
            group=f.get("group"),
            repeat=f.get("repeat", False),
            none_allowed=f.get("none_allowed", False),
            options=tuple(f.get("options", ())),
            option_label=f.get("option_label", ""),
            max_length=f.get("max_length", 500),
        )
        for f in data["fields"]
    )
    groups = {
        name: Group(name=name, counter=spec["counter"],
                    slots=tuple(f.slot for f in fields if f.group == name))
        for name, spec in data["groups"].items()
    }
    return Interview(fields=fields, groups=groups, max_attempts=data.get("max_attempts", 3))
