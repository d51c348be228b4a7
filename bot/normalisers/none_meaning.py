"""'I have none' by meaning: a small classifier over the sentence embeddings, behind the word rules.

The word rules (declines.py) stay first: a negation plus only known filler words is a "none" of
high precision. Wordings outside their tables ("still looking for my first job", "ما تعلمت اي
مهنة", "ищу первую работу") are read here instead:

- Labelled answers in `none_answers.yml` (7 languages, written as strangers write) with three
  labels: `none` (nothing to give), `refuse` ("I'd rather not say": a skip, not a none) and
  `content` (real answers, also those that start with a "no" and then say something: "no
  diploma but 5 years as electrician", and questions about the question).
- Their multilingual-e5 vectors are cached and a LogisticRegression is fitted on them at first
  use (nlu/meaning_classifier.py: embedding ~350 examples takes seconds, once; fitting ~0.2 s).
- A message is embedded with the same text key the occupation and knowledge-base searches use,
  so the turn embeds it once (the encoder's in-memory cache of recent messages); the added cost
  per message is the prediction, well under a millisecond.

`reads_as()` answers "none" or "refuse" only when the probability clears a conservative
threshold and the message passes structural gates that keep content out: no question, at most
MAX_WORDS words, no e-mail address or long number, and for "none" a word of negation (from the
rules' tables, plus the negating verb forms of Turkish and Persian and the Arabic "ما" joined to
its verb). Which questions may use it, and which of their values win over it, is decided where
it is called (bot/normalisers/answer.py: `declined`).

`leave_one_language_out()` measures the classifier on the file: trained on six languages,
tested on the seventh (tests/bot/normalisers/test_none_meaning.py prints the figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml

from bot.normalisers.declines import folded_words, negation_words
from bot.normalisers.text_quality import clean
from nlu.meaning_classifier import MeaningClassifier

Label = Literal["none", "refuse", "content"]
LABELS: tuple[str, ...] = ("none", "refuse", "content")
LANGUAGES: tuple[str, ...] = ("en", "de", "ar", "fa", "uk", "ru", "tr")
DATA = Path(__file__).with_name("none_answers.yml")
# Conservative on purpose: a wrong "none" loses an answer, a missed one only asks again.
NONE_THRESHOLD = 0.8
REFUSE_THRESHOLD = 0.85
# Long messages carry content; "none" is said in a few words.
MAX_WORDS = 16
# Inverse regularisation: the vectors are few and close together (measured: 4 gives too little
# recall, 64 starts to let content through; see the test's figures).
C = 16.0

_E_MAIL_OR_NUMBER = re.compile(r"\S@\S|\d[\d\s/().+-]{4,}\d")
_QUESTION = re.compile(r"[?؟]")
# Negating verb forms the word tables cannot list: Turkish -me/-ma ("çalışmadım", "gitmedim",
# "okumadım"), Persian na- ("نکردم", "نرفتم", "نخوندم"), Arabic ما joined to a verb ("مااشتغلت").
_TR_NEGATED_VERB = re.compile(r"\w{2,}m[ae](d[iı]|m[iı]ş|z|y[iı]p|y[ae]c|d[iı]k)")
_FA_NEGATED_VERB = re.compile(r"^ن(?:[اآ]?[\u0600-\u06ff]){2,}(?:م|یم|ه|ی|ید|ند|ست)$")
_AR_NEGATED_VERB = re.compile(r"^و?(?:ما|م)[\u0600-\u06ff]{3,}(?:ت|تش|ش)$")
_EN_NT = re.compile(r"^[a-z]+n[’']?t$")


@dataclass(frozen=True)
class Example:
    lang: str
    label: str
    kind: str
    text: str


def examples(path: Path = DATA) -> list[Example]:
    """The labelled answers of `path`, in file order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = [Example(lang, label, kind, str(text))
             for lang, labels in data.items() for label, kinds in labels.items()
             for kind, texts in kinds.items() for text in texts]
    unknown = {e.label for e in found} - set(LABELS)
    if unknown:
        raise ValueError(f"{path}: unknown labels {sorted(unknown)}")
    return found


def query_text(text: str) -> str:
    """The message as the occupation search embeds an accepted job (the same cache key: one
    embedding per turn); the knowledge base's key is the same for an ordinary message."""
    return clean(text)[:200]


def _labelled() -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in examples()]


_CLASSIFIER = MeaningClassifier("none-answers", _labelled, key=query_text, c=C)
example_vectors = _CLASSIFIER.vectors
fit = _CLASSIFIER.fit
model = _CLASSIFIER.model
probabilities = _CLASSIFIER.probabilities


def has_negation(text: str, lang: str) -> bool:
    """A word that negates: the rules' tables for `lang`, or a negated verb form."""
    negations = negation_words(lang) | {"nix", "weder", "nirgends", "nirgendwo", "nowhere"}
    for word in folded_words(text):
        if word in negations or _EN_NT.match(word):
            return True
        if lang == "tr" and _TR_NEGATED_VERB.search(word):
            return True
        if lang in ("fa", "ar") and (_FA_NEGATED_VERB.match(word) or _AR_NEGATED_VERB.match(word)):
            return True
    return False


# "Not ... except / only": "ما اشتغلت غير بالمطعم" (I worked only in the restaurant), "nur als
# Helfer", "тільки на будові" say what there was, however negative they sound.
_EXCEPT = frozenset("""except only just but besides nur ausser außer bloss bloß lediglich
غير غیر الا إلا سوى بس فقط تنها فقط جز به‌جز بجز
тільки лише крім окрім только лишь кроме sadece yalnizca yalnız yalniz bir tek haric hariç
ghir gheir illa bas faqat fagat faghat tanha joz tolko tilky lyshe""".split())
_EXCEPT_FOLDED = frozenset(w for word in _EXCEPT for w in folded_words(word))


# "nur zuhause", "only at home", "فقط في البيت": at home is no exception to "never worked".
_HOME = frozenset(w for word in """home zuhause zu hause daheim evde ev البيت بالبيت بيت خونه خانه
خونه‌دار дома вдома удома house housewife hausfrau""".split() for w in folded_words(word))


def _names_an_exception(words: list[str]) -> bool:
    for i, word in enumerate(words):
        if word in _EXCEPT_FOLDED and not _HOME.intersection(words[i + 1:i + 4]):
            return True
    return False


def passes_gates(text: str, lang: str, label: str) -> bool:
    """The structural checks a message must pass before its meaning is trusted."""
    if _QUESTION.search(text) or _E_MAIL_OR_NUMBER.search(text):
        return False
    words = text.split()
    if not words or len(words) > MAX_WORDS:
        return False
    if label == "none" and _names_an_exception(folded_words(text)):
        return False
    return label != "none" or has_negation(text, lang)


def reads_as(text: str, lang: str) -> str | None:
    """"none" or "refuse" when the classifier is confident and the gates pass, else None."""
    if not text or not text.strip() or len(text.split()) > MAX_WORDS:
        return None  # decided before any embedding
    probs = probabilities(text)
    for label, threshold in (("none", NONE_THRESHOLD), ("refuse", REFUSE_THRESHOLD)):
        if probs.get(label, 0.0) >= threshold and passes_gates(text, lang, label):
            return label
    return None


def leave_one_language_out(threshold: float = NONE_THRESHOLD,
                           known: list[Example] | None = None) -> dict[str, Any]:
    """Per held-out language and overall: precision and recall of "none" (classifier + gates),
    and the content or refusals taken for "none" (false positives, listed)."""
    known = examples() if known is None else known
    vectors = example_vectors([e.text for e in known])
    labels = np.array([e.label for e in known])
    langs = np.array([e.lang for e in known])
    predicted = np.zeros(len(known), dtype=bool)
    for lang in LANGUAGES:
        test = langs == lang
        fitted = fit(vectors[~test], list(labels[~test]))
        none = fitted.predict_proba(vectors[test])[:, list(fitted.classes_).index("none")]
        for position, p in zip(np.flatnonzero(test), none, strict=True):
            example = known[position]
            predicted[position] = p >= threshold and passes_gates(example.text, example.lang, "none")
    figures: dict[str, Any] = {}
    for lang in (*LANGUAGES, "all"):
        rows = langs == lang if lang != "all" else np.ones(len(known), dtype=bool)
        truth = labels[rows] == "none"
        said = predicted[rows]
        tp = int((said & truth).sum())
        figures[lang] = {"none": int(truth.sum()), "found": tp,
                         "false_positives": int((said & ~truth).sum()),
                         "precision": round(tp / max(int(said.sum()), 1), 3),
                         "recall": round(tp / max(int(truth.sum()), 1), 3)}
    figures["false_positive_texts"] = [known[i].text for i in np.flatnonzero(predicted & (labels != "none"))]
    figures["found_texts"] = [known[i].text for i in np.flatnonzero(predicted & (labels == "none"))]
    return figures
