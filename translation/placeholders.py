"""Protecting text a translation must not change: URLs, e-mail addresses, phone numbers,
numbers, names the person gave, HTML tags, emoji and glossary terms.

Each protected span is replaced by a token `｟N｠` before translation: OpenNMT's placeholder
brackets, which occur in no user text and which SentencePiece models treat as unknown symbols
that CTranslate2 copies from the source (`replace_unknowns`). Models still drop, repeat or
mangle tokens (random test models do so constantly), so restoring never relies on them:
recognised tokens (also half-mangled ones such as `｟3` or `3｠`) get their text back, repeats
and tokens that never existed are removed, and every protected text whose token the model
dropped is appended to the sentence it belonged to. What was protected is always in the output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import phonenumbers

from translation.glossary import Glossary, TermMatch

OPEN, CLOSE = "｟", "｠"
TOKEN = re.compile(rf"{OPEN}(\d+){CLOSE}")
# Exact tokens first, then tokens with spaces inserted or one bracket lost, then stray brackets.
_RESTORE = re.compile(rf"{OPEN}\s*(\d+)\s*{CLOSE}|{OPEN}\s*(\d+)|(\d+)\s*{CLOSE}|[{OPEN}{CLOSE}]")

_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'｟｠]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,200}>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff]"
                    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f3fb-\U0001f3ff]*")
_LITERAL = re.compile(f"[{OPEN}{CLOSE}]")  # the bracket characters themselves, if a person typed them
_MARK = 0xF0000  # Supplementary Private Use Area-A: never in model output
_DROP = "\U0010fffd"  # where a repeated or invented token was removed
_URL_TRAILING = ".,;:!?)]}'\"»“”"

# Which kind wins where matches overlap (a number inside a phone number, a term inside a URL).
KINDS = ("markup", "url", "email", "phone", "glossary", "name", "number", "emoji", "literal")


@dataclass(frozen=True)
class Span:
    index: int
    start: int
    end: int
    original: str
    replacement: str
    kind: str

    @property
    def token(self) -> str:
        return f"{OPEN}{self.index}{CLOSE}"


@dataclass(frozen=True)
class Protected:
    original: str
    text: str  # the original with every span replaced by its token
    spans: tuple[Span, ...]

    def span(self, index: int) -> Span | None:
        return self.spans[index] if 0 <= index < len(self.spans) else None

    def split_like(self, pieces: Sequence[str]) -> list[str]:
        """The protected text cut where `pieces` (which join to the original) are cut.

        Sentences are found in the original text, where the sentencizer sees real words,
        numbers and URLs (it does not split after a token such as `｟1｠.`); a cut that would
        fall inside a protected span is dropped.
        """
        cuts, offset = [], 0
        for piece in pieces[:-1]:
            offset += len(piece)
            cuts.append(offset)
        result, previous, shift, spans = [], 0, 0, iter(self.spans)
        span = next(spans, None)
        for cut in cuts:
            while span is not None and span.end <= cut:
                shift += len(span.token) - len(span.original)
                span = next(spans, None)
            if span is not None and span.start < cut:
                continue  # inside a span
            result.append(self.text[previous:cut + shift])
            previous = cut + shift
        result.append(self.text[previous:])
        return [piece for piece in result if piece]


def _phone_spans(text: str) -> Iterable[tuple[int, int]]:
    # German numbers without country code are the common case here; others carry their +code.
    for match in phonenumbers.PhoneNumberMatcher(text, "DE"):
        yield match.start, match.end


def _url_spans(text: str) -> Iterable[tuple[int, int]]:
    for match in _URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _URL_TRAILING:
            end -= 1
        yield match.start(), end


def _name_spans(text: str, names: Sequence[str]) -> Iterable[tuple[int, int]]:
    for name in sorted({str(n).strip() for n in names if len(str(n).strip()) >= 2}, key=len, reverse=True):
        words = r"\s+".join(re.escape(w) for w in name.split())
        for match in re.finditer(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE):
            yield match.start(), match.end()


def protect(text: str, *, source: str, target: str, names: Sequence[str] = (),
            glossary: Glossary | None = None) -> Protected:
    """Replace everything that must come through unchanged by tokens."""
    candidates: list[tuple[int, int, str, TermMatch | None]] = []  # start, end, kind, term
    for pattern, kind in ((_MARKUP, "markup"), (_EMAIL, "email"), (_NUMBER, "number"),
                          (_EMOJI, "emoji"), (_LITERAL, "literal")):
        candidates += [(m.start(), m.end(), kind, None) for m in pattern.finditer(text)]
    candidates += [(s, e, "url", None) for s, e in _url_spans(text)]
    candidates += [(s, e, "phone", None) for s, e in _phone_spans(text)]
    candidates += [(s, e, "name", None) for s, e in _name_spans(text, names)]
    if glossary is not None:
        candidates += [(m.start, m.end, "glossary", m) for m in glossary.find(text, source)]
    rank = {kind: i for i, kind in enumerate(KINDS)}
    # Leftmost first, then the longest, then the kind that ranks first.
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), rank[c[2]]))
    chosen: list[tuple[int, int, str, TermMatch | None]] = []
    for candidate in candidates:
        if candidate[1] > candidate[0] and (not chosen or candidate[0] >= chosen[-1][1]):
            chosen.append(candidate)
    spans, pieces, position = [], [], 0
    explained: set[str] = set()
    for index, (start, end, kind, term) in enumerate(chosen):
        original = replacement = text[start:end]
        if term is not None and glossary is not None:
            # Only the first mention of a term is explained.
            replacement = glossary.rendering(term, original, target,
                                             explain=term.term.term not in explained)
            explained.add(term.term.term)
        span = Span(index, start, end, original, replacement, kind)
        spans.append(span)
        pieces += [text[position:start], span.token]
        position = end
    pieces.append(text[position:])
    return Protected(original=text, text="".join(pieces), spans=tuple(spans))


def token_indices(text: str) -> list[int]:
    return [int(m.group(1)) for m in TOKEN.finditer(text)]


def only_tokens(text: str) -> bool:
    """True when nothing but tokens, spaces and punctuation is left for a model to translate."""
    return not re.search(r"[^\W\d_]", TOKEN.sub("", text))


def restore(translated: str, source_piece: str, protected: Protected) -> str:
    """Put the protected texts of `source_piece` back into its translation.

    Tokens the model kept (even half-mangled) are replaced where they are; a token the model
    repeated is kept once, one it invented is dropped, and any protected text whose token is
    missing is appended, so nothing protected is ever lost.
    """
    expected = [i for i in token_indices(source_piece) if protected.span(i) is not None]
    wanted = set(expected)
    used: list[int] = []

    def mark(match: re.Match[str]) -> str:
        digits = match.group(1) or match.group(2) or match.group(3)
        index = int(digits) if digits else -1
        if index not in wanted or index in used:
            return _DROP
        used.append(index)
        return chr(_MARK + len(used) - 1)

    # Marks stand in for the protected texts while the model's spacing is tidied, so the
    # protected texts themselves come back byte for byte.
    marked = _RESTORE.sub(mark, re.sub("[\U000f0000-\U0010ffff]", "", translated))
    marked = re.sub(r"[ \t]{2,}", " ", re.sub(rf"[ \t]*{_DROP}", "", marked)).strip()
    missing = [i for i in expected if i not in used]
    restored = re.sub(f"[{chr(_MARK)}-{chr(_MARK + max(len(used), 1) - 1)}]",
                      lambda m: protected.spans[used[ord(m.group()) - _MARK]].replacement, marked)
    if missing:
        tail = " ".join(protected.spans[i].replacement for i in missing)
        restored = f"{restored} {tail}" if restored else tail
    return restored
