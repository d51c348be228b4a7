"""Explicit requests for another interface language, told from language names that answer a
question or belong to content.

Kept apart from nlu/language_request_guard.py (a Rasa NLU component that imports Rasa): the
action server uses this during the interview and must not import Rasa's training stack.
"""

from __future__ import annotations

from nlu.folding import fold
from nlu.language_names import only_language_choice


def _fold(text: str) -> str:
    return fold(text).replace("ı", "i")  # as nlu/language_names.py folds


# Words (and word pairs) that make a language choice a request, not an answer: "german please",
# "can we speak english", "بالعربي لو سمحت", "فارسی لطفا", "давайте по-русски", "можна
# українською?", "türkçe konuşalım". Without one, "Arabisch" or "I speak English" may answer
# "which languages do you speak?". "I want ..." is none: "Almanca istiyorum" at the goals
# wants German lessons, not a German interface. Folded like the language names.
_REQUEST_WORDS = frozenset(_fold(w) for w in """
    please pls plz switch change changing prefer instead rather lets
    bitte wechseln wechsle umstellen ändern lieber
    سمحت فضلك رجاء ممكن خلينا نحكي نتكلم احكي تكلم تغيير
    لطفا لطفاً خواهش خواهشا کنیم بزنیم بریم عوض تغییر میشه
    ласка давай давайте можна перейти перейдімо змінити говорімо
    пожалуйста можно перейдем перейдём сменить поменять
    lütfen konuşalım konuşabilir geç geçelim değiştir yazalım edelim
""".split())
_REQUEST_PAIRS = frozenset(_fold(p) for p in (
    "can we", "could we", "can you", "could you", "let us", "let s",
    "können wir", "könnten wir", "lass uns", "geht das", "می شه",
))


def requested_language(text: str) -> str | None:
    """The interface language a message explicitly asks for: nothing but a language choice and
    a word that asks ("german please", "türkçe konuşalım"). A bare name ("Arabisch"), "I speak
    English" or a language inside content ("Russian teacher") is None."""
    code = only_language_choice(text)
    if code is None:
        return None
    words = _fold(text).split()
    pairs = {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}
    return code if _REQUEST_WORDS.intersection(words) or _REQUEST_PAIRS & pairs else None

