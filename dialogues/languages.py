"""The interface languages the assistant speaks with curated texts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InterfaceLanguage:
    code: str  # ISO 639-1
    native_name: str
    direction: str  # "ltr" | "rtl"


INTERFACE_LANGUAGES: tuple[InterfaceLanguage, ...] = (
    InterfaceLanguage("de", "Deutsch", "ltr"),
    InterfaceLanguage("en", "English", "ltr"),
    InterfaceLanguage("ar", "العربية", "rtl"),
    InterfaceLanguage("fa", "فارسی", "rtl"),
    InterfaceLanguage("uk", "Українська", "ltr"),
    InterfaceLanguage("ru", "Русский", "ltr"),
    InterfaceLanguage("tr", "Türkçe", "ltr"),
)

CODES: tuple[str, ...] = tuple(lang.code for lang in INTERFACE_LANGUAGES)
DEFAULT_LANGUAGE = "de"
_BY_CODE = {lang.code: lang for lang in INTERFACE_LANGUAGES}


def is_supported(code: str | None) -> bool:
    return code in _BY_CODE


def direction(code: str) -> str:
    return _BY_CODE[code].direction if code in _BY_CODE else "ltr"


def native_name(code: str) -> str:
    return _BY_CODE[code].native_name
