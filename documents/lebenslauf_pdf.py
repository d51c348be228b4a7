"""The tabular German Lebenslauf as PDF (fpdf2, text shaped with HarfBuzz).

Two columns: label or period on the left, content on the right. Arabic-script text is shaped and laid
out right to left (fpdf2's bidi algorithm + uharfbuzz); a name line such as "محمد أحمد (Mhmd Ahmd)"
keeps the German left-to-right order with the Arabic words in their own order. Characters no
installed font has (emoji, rare scripts) are dropped instead of printing empty boxes.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from dialogues.free_text_de import DERIVED_NOTE
from documents.cv import CV, Job, Text, build_cv, language_name_de
from documents.fonts import Face, FontSet, find_fonts

FOOTER = ("Erstellt mit lotse aus den Angaben der Person; nicht geprüfte Angaben sind gekennzeichnet "
          "(*).")
UNVERIFIED = " *"

LABEL_WIDTH = 46.0
GAP = 4.0
BODY_SIZE = 10.0
SMALL_SIZE = 8.3
DARK = (25, 25, 25)
GREY = (95, 95, 95)
ACCENT = (30, 60, 100)
_RTL = {"R", "AL"}


@dataclass(frozen=True)
class Part:
    """One paragraph of the right-hand column."""

    text: str
    bold: bool = False
    small: bool = False
    direction: str | None = None  # None: from the text's first strong character


def direction_of(text: str) -> str:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


# Script fallbacks are loaded only when the CV has letters of their script (loading a font costs
# ~20 ms); DejaVu only for characters no other loaded font has.
_SCRIPT_RANGES = {
    "arabic": ((0x0600, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "ethiopic": ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
    "georgian": ((0x10A0, 0x10FF), (0x1C90, 0x1CBF)),
    "armenian": ((0x0530, 0x058F),),
}


def _in_script(code: int, family: str) -> bool:
    return any(low <= code <= high for low, high in _SCRIPT_RANGES.get(family, ()))


class _Document(FPDF):
    def __init__(self, fonts: FontSet, created: str, chars: set[str]) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.created = created
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=22)
        self.glyphs: set[int] = set()
        self.family = fonts.main.family
        self._add(fonts.main)
        codes = {ord(c) for c in chars}
        used = []
        for face in fonts.fallbacks:
            needed = {c for c in codes if c not in self.glyphs}
            if face.family in _SCRIPT_RANGES:
                needed = {c for c in needed if _in_script(c, face.family)}
            if needed:
                self._add(face)
                used.append(face.family)
        if used:
            self.set_fallback_fonts(used, exact_match=False)
        self.set_font(self.family, size=BODY_SIZE)

    def _add(self, face: Face) -> None:
        self.add_font(face.family, "", str(face.regular))
        self.add_font(face.family, "B", str(face.bold or face.regular))
        for key in (face.family.lower(), face.family.lower() + "B"):
            self.glyphs.update(getattr(self.fonts.get(key), "cmap", None) or {})

    def footer(self) -> None:
        # Latin only: no shaping, so that the page-number alias is replaced reliably
        shaping, self.text_shaping = self.text_shaping, None
        self.set_xy(self.l_margin, -15)
        self.set_font(self.family, size=7.5)
        self.set_text_color(*GREY)
        self.cell(self.epw, 3.6, FOOTER, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.cell(self.epw / 2, 3.6, f"Erstellt am {self.created}")
        self.cell(self.epw / 2, 3.6, f"Seite {self.page_no()}/{{nb}}", align="R")
        self.text_shaping = shaping

    # --- text -------------------------------------------------------------------------------------
    def printable(self, text: str) -> str:
        """Drop characters no loaded font can draw (emoji, unsupported scripts)."""
        return "".join(c for c in text if c.isspace() or ord(c) in self.glyphs
                       or c in "\u200c\u200d" or unicodedata.category(c) == "Mn")

    def paragraph(self, width: float, text: str, *, bold: bool = False, size: float = BODY_SIZE,
                  color: tuple[int, int, int] = DARK, direction: str | None = None,
                  dry_run: bool = False) -> float:
        """Write `text` at the current x/y in `width`; returns its height."""
        text = self.printable(text).strip()
        if not text:
            return 0.0
        direction = direction or direction_of(text)
        self.set_text_shaping(True, direction=direction)
        self.set_font(self.family, "B" if bold else "", size)
        # Select the font on the page again: after a page break inside right-to-left text, fpdf2
        # left the fallback (Arabic) font selected, and the next Latin line came out invisible.
        self.current_font_is_set_on_page = False
        self.set_text_color(*color)
        height = size * 0.5
        align = "R" if direction == "rtl" else "L"
        if dry_run:
            lines = self.multi_cell(width, height, text, align=align, dry_run=True, output="LINES")
            return len(lines) * height
        x, y = self.get_x(), self.get_y()
        self.multi_cell(width, height, text, align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_x(x)
        return max(self.get_y() - y, 0.0)

    # --- layout -----------------------------------------------------------------------------------
    def heading(self, text: str) -> None:
        self.set_x(self.l_margin)
        self.paragraph(self.epw, text, bold=True, size=19, color=ACCENT)
        self.ln(1)

    def section(self, title: str) -> None:
        if self.get_y() + 22 > self.page_break_trigger:
            self.add_page()
        self.ln(3)
        self.set_x(self.l_margin)
        self.paragraph(self.epw, title, bold=True, size=12.5, color=ACCENT)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.3)
        self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
        self.ln(3)

    def row(self, label: str, parts: list[Part], gap: float = 2.4) -> None:
        parts = [p for p in parts if p.text and self.printable(p.text).strip()]
        if not parts and not label:
            return
        content = self.epw - LABEL_WIDTH - GAP
        first = self.paragraph(content, parts[0].text, bold=parts[0].bold, dry_run=True,
                               size=SMALL_SIZE if parts[0].small else BODY_SIZE) if parts else 5
        label_height = sum(self.paragraph(LABEL_WIDTH, line, dry_run=True, color=GREY)
                           for line in label.split("\n"))
        # keep at least the label and the first line of the content together on one page
        if self.get_y() + max(first, label_height) > self.page_break_trigger:
            self.add_page()
        top, page = self.get_y(), self.page
        for line in label.split("\n"):
            self.set_x(self.l_margin)
            self.paragraph(LABEL_WIDTH, line, color=GREY, direction="ltr")
        label_end = self.get_y()
        self.set_xy(self.l_margin + LABEL_WIDTH + GAP, top)
        for part in parts:
            self.set_x(self.l_margin + LABEL_WIDTH + GAP)
            self.paragraph(content, part.text, bold=part.bold, size=SMALL_SIZE if part.small else BODY_SIZE,
                           color=GREY if part.small else DARK, direction=part.direction)
        end = self.get_y() if self.page != page else max(self.get_y(), label_end)
        self.set_xy(self.l_margin, end + gap)


# --- content ---------------------------------------------------------------------------------------
def _mark(text: str, verified: bool) -> str:
    return text if verified else text + UNVERIFIED


def _own_words(text: Text | None, *, skip: str | None = None) -> list[Part]:
    """The person's words (with language) and the German translation, each on its own line."""
    if text is None:
        return []
    parts = []
    if text.original and text.original != skip and not text.is_german:
        language = language_name_de(text.language, None)
        label = f"Eigene Angabe ({language})" if language else "Eigene Angabe"
        parts.append(Part(f"{label}:", small=True))
        parts.append(Part(text.original))
    if text.german and text.german != skip:
        if text.machine_translated:
            parts.append(Part(f"Deutsch (maschinell übersetzt): „{text.german}“", small=True))
        elif text.original and not text.is_german:
            parts.append(Part(f"Deutsch: „{text.german}“", small=True))
        else:
            parts.append(Part(f"Eigene Angabe: „{text.german}“", small=True))
    return parts


def _free_text(text: Text, prefix: str = "", bold: bool = False) -> list[Part]:
    """A free-text answer: what was read from it in German (marked as derived), the German
    wording (marked when machine-translated), then the own words."""
    parts = []
    if text.derived:
        parts.append(Part(text.derived, bold=bold))
        parts.append(Part(f"({DERIVED_NOTE})", small=True))
        prefix, bold = "Eigene Angabe: ", False
    if text.german:
        marked = " (maschinell übersetzt)" if text.machine_translated else ""
        parts.append(Part(f"{prefix}{text.german}{marked}", bold=bold))
    else:
        if text.original:
            language = language_name_de(text.language, None) if text.derived else None
            label = f"Eigene Angabe ({language}):" if language else None
            if label:
                parts.append(Part(label, small=True))
            parts.append(Part(text.original if label else f"{prefix}{text.original}", bold=bold))
        return parts
    if text.original and not text.is_german:
        language = language_name_de(text.language, None)
        parts.append(Part(f"Eigene Angabe ({language}):" if language else "Eigene Angabe:", small=True))
        parts.append(Part(text.original))
    return parts


def _job_parts(job: Job) -> list[Part]:
    parts = [Part(_mark(job.title, job.verified), bold=True)]
    codes = []
    if job.kldb:
        codes.append(f"KldB 2010: {job.kldb}" + (f" – {job.kldb_title}" if job.kldb_title else ""))
    if job.isco:
        codes.append(f"ISCO-08: {job.isco}")
    if codes:
        parts.append(Part(" · ".join(codes), small=True))
    words = job.own_words
    if job.needs_check:
        note = "Zuordnung zur Klassifikation der Berufe steht noch aus."
        if words and words.machine_translated and words.german == job.title:
            note = "Bezeichnung in eigenen Worten, maschinell übersetzt. " + note
        parts.append(Part(note, small=True))
    parts += _own_words(words, skip=job.title)
    return parts


def _content(pdf: _Document, cv: CV) -> None:
    pdf.heading(cv.heading)
    if cv.anonymised:
        if cv.reference:
            pdf.row("Kennung", [Part(cv.reference, bold=True)])
    elif cv.personal:
        p = cv.personal
        name = p.name
        verified = p.verified_fields
        rows = [
            ("Name", name.display() if name else None, {"given_names", "family_name"} <= verified),
            ("Geburtsdatum", p.date_of_birth, "date_of_birth" in verified),
            ("Herkunftsland", p.country_of_origin, "country_of_origin" in verified),
            ("Wohnort", p.municipality, "municipality" in verified),
            ("Telefon", p.phone, "contact" in verified),
            ("E-Mail", p.email, "contact" in verified),
        ]
        rows = [row for row in rows if row[1]]
        if rows:
            pdf.section("Persönliche Daten")
            for label, value, checked in rows:
                # names: German order, the original script beside its transliteration
                pdf.row(label, [Part(_mark(value, checked), direction="ltr")], gap=1.2)

    if cv.experience:
        pdf.section("Berufserfahrung")
        for job in cv.experience:
            label = "\n".join(x for x in (job.years_de, job.country) if x)
            pdf.row(label, _job_parts(job))

    s = cv.schooling
    if s:
        pdf.section("Schulbildung")
        label = "\n".join(x for x in (f"{s.years} Schuljahre" if s.years is not None else None, s.country)
                          if x)
        title = "Keine formale Schulbildung" if s.no_schooling else s.school_type or (
            f"Schulbildung (ISCED-Stufe {s.isced})" if s.isced is not None else "Schulbildung")
        parts = [Part(_mark(title, s.verified), bold=True)]
        if s.completed is True:
            parts.append(Part("mit Abschluss"))
        elif s.completed is False:
            parts.append(Part("ohne Abschluss"))
        if s.isced is not None and s.school_type:
            parts.append(Part(f"ISCED-Stufe {s.isced}", small=True))
        if s.german_equivalent:
            parts.append(Part(f"Deutsche Entsprechung: {s.german_equivalent}"))
            parts.append(Part(s.recognition_note or "", small=True))
        pdf.row(label or "Schule", parts)

    if cv.education:
        pdf.section("Ausbildung und Studium")
        for item in cv.education:
            vocational = item.level_id in ("vocational", "post_secondary")
            label = "Ausbildung" if vocational else "Studium" if item.level_id else "Ausbildung/Studium"
            parts = []
            if item.level:
                parts.append(Part(_mark(item.level, item.verified), bold=True))
                if item.isced is not None:
                    parts.append(Part(f"ISCED-Stufe {item.isced}", small=True))
            if item.subject:
                parts += _free_text(item.subject, prefix="Fachrichtung: ", bold=not item.level)
            pdf.row(label, parts)

    if cv.languages:
        pdf.section("Sprachkenntnisse")
        for language in cv.languages:
            pdf.row(language.name, [Part(_mark(language.level or "Kenntnisse", language.verified))],
                    gap=1.2)

    extra = [("Berufliche Ziele", cv.goals), ("Verfügbarkeit", cv.availability)]
    extra = [(label, text) for label, text in extra if text]
    if extra:
        pdf.section("Weitere Angaben")
        for label, text in extra:
            pdf.row(label, _free_text(text))

    if cv.notes:
        pdf.ln(4)
        pdf.set_x(pdf.l_margin)
        for note in cv.notes:
            pdf.set_x(pdf.l_margin)
            pdf.paragraph(pdf.epw, note, size=SMALL_SIZE, color=GREY)
            pdf.ln(0.8)


def _strings(value: object) -> list[str]:
    """Every string of the CV (the characters decide which fonts to load)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, (tuple, list, frozenset)):
        return [s for item in value for s in _strings(item)]
    return []


def render(snapshot: dict[str, Any], *, anonymised: bool = False, fonts: FontSet | None = None) -> bytes:
    """The Lebenslauf of a profile snapshot as PDF bytes."""
    cv = build_cv(snapshot, anonymised=anonymised)
    return render_cv(cv, fonts=fonts)


def render_cv(cv: CV, *, fonts: FontSet | None = None) -> bytes:
    chars = {c for text in _strings(cv) for c in text}
    pdf = _Document(fonts or find_fonts(), cv.created.strftime("%d.%m.%Y"), chars)
    name = cv.personal.name if cv.personal else None
    if cv.anonymised:
        # no personal data in the metadata either
        pdf.set_title(f"{cv.heading} – {cv.reference}" if cv.reference else cv.heading)
    else:
        pdf.set_title(f"{cv.heading} – {name.latin or name.original}" if name else cv.heading)
    pdf.set_subject("Lebenslauf")
    pdf.set_creator("lotse")
    pdf.set_lang("de-DE")
    pdf.set_creation_date(datetime.now(timezone.utc))
    pdf.add_page()
    _content(pdf, cv)
    return bytes(pdf.output())
