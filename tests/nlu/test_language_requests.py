"""A language changes only on request: a message that is nothing but a language choice, or a
curated command; a language named inside a question or an answer is content. Several
languages named in one answer are all found, in order."""

from pathlib import Path

import pytest
import yaml

from nlu.language_names import match_languages, only_language_choice
from nlu.language_request_guard import is_language_request
from nlu.language_requests import requested_language

CHOICES = [
    ("English please", "en"), ("english pls", "en"), ("العربية", "ar"), ("بالعربي لو سمحت", "ar"),
    ("switch to Turkish", "tr"), ("Türkçe lütfen", "tr"), ("türkçe konuşalım", "tr"),
    ("можно по-русски?", "ru"), ("Русский пожалуйста", "ru"), ("українською будь ласка", "uk"),
    ("auf Deutsch bitte", "de"), ("Deutsh", "de"), ("فارسی لطفا", "fa"), ("به فارسی", "fa"),
    ("dari please", "fa"),
]
CONTENT = [
    "do you know a psychologist who speaks Russian?", "I studied French literature",
    "where is a Turkish-speaking lawyer?", "Kennen Sie einen Psychologen, der Arabisch spricht?",
    "Ich habe als Englischlehrer gearbeitet", "في محامي بيحكي تركي؟",
    "а где тут врач, который говорит по-русски?", "учительница немецкого языка в школе",
    "دکتر روانشناس که فارسی حرف بزنه میشناسی؟", "Almanca öğretmeniydim",
    "Arabisch und Deutsch", "Kurdish",  # two languages; not an interface language
]


@pytest.mark.parametrize(("text", "code"), CHOICES)
def test_a_message_that_only_chooses_a_language(text, code):
    assert only_language_choice(text) == code
    assert is_language_request(text, "choose_language")


@pytest.mark.parametrize("text", CONTENT)
def test_a_language_inside_a_message_is_no_choice(text):
    assert only_language_choice(text) is None
    assert not is_language_request(text, "choose_language")
    assert not is_language_request(text, "change_language") or not match_languages(text)


@pytest.mark.parametrize("text", ["Sprache ändern", "change the language", "أريد تغيير اللغة",
                                  "другой язык пожалуйста"])
def test_a_change_request_without_a_name_stays_one(text):
    assert is_language_request(text, "change_language")


@pytest.mark.parametrize(("text", "codes"), [
    ("Kurdish, Arabic and some Turkish", ["ku", "ar", "tr"]),
    ("Kurdisch (Sorani), Arabisch und ein bisschen Englisch", ["ckb", "ar", "en"]),
    ("كردي وعربي وشوي تركي", ["ku", "ar", "tr"]),
    ("کردی، عربی و کمی ترکی", ["ku", "ar", "tr"]),
    ("українська, російська та трохи англійська", ["uk", "ru", "en"]),
    ("курдский, арабский и немного турецкий", ["ku", "ar", "tr"]),
    ("Kürtçe, Arapça ve biraz Türkçe", ["ku", "ar", "tr"]),
    ("Dari, Pashto", ["prs", "ps"]),
    ("Englisch auch n bisschen", ["en"]),
    ("nein danke", []),
])
def test_several_languages_in_one_answer(text, codes):
    assert match_languages(text) == codes


def _classified(text, intent, ranking):
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.93}, add_to_output=True)
    message.set("intent_ranking", [{"name": intent, "confidence": 0.93}, *ranking],
                add_to_output=True)
    return message


def test_the_guard_turns_a_named_language_into_a_question_or_an_answer():
    from nlu.language_request_guard import LanguageRequestGuard

    guard = LanguageRequestGuard()
    question = _classified("do you know a psychologist who speaks Russian?", "choose_language",
                           [{"name": "inform", "confidence": 0.04}])
    answer = _classified("I studied French literature", "choose_language",
                         [{"name": "change_language", "confidence": 0.03},
                          {"name": "inform", "confidence": 0.02}])
    choice = _classified("Türkçe lütfen", "choose_language", [])
    guard.process([question, answer, choice])
    assert question.get("intent")["name"] == "out_of_scope"
    assert answer.get("intent")["name"] == "inform"
    assert [r["name"] for r in answer.get("intent_ranking")] == ["inform"]
    assert choice.get("intent")["name"] == "choose_language"


def test_the_guard_keeps_the_curated_words_for_the_language_picker():
    from nlu.language_request_guard import LanguageRequestGuard

    # "ändern" also corrects an answer: the classifier may take "Sprache ändern" for that
    picker = _classified("Sprache ändern", "correct_field",
                         [{"name": "change_language", "confidence": 0.2}])
    correction = _classified("Antwort ändern", "correct_field", [])
    LanguageRequestGuard().process([picker, correction])
    assert picker.get("intent")["name"] == "change_language"
    assert [r["name"] for r in picker.get("intent_ranking")][0] == "change_language"
    assert correction.get("intent")["name"] == "correct_field"


@pytest.mark.parametrize(("text", "code"), [
    ("german please", "de"), ("can we speak english", "en"), ("lets talk in english pls", "en"),
    ("auf Deutsch bitte", "de"), ("können wir auf Englisch sprechen", "en"),
    ("بالعربي لو سمحت", "ar"), ("ممكن نحكي عربي", "ar"), ("انجليزي لو سمحت", "en"),
    ("فارسی لطفا", "fa"), ("میشه فارسی صحبت کنیم", "fa"), ("فارسی حرف بزنیم", "fa"),
    ("давайте по-русски", "ru"), ("перейдем на русский", "ru"),
    ("можна українською?", "uk"), ("по-українськи будь ласка", "uk"),
    ("türkçe konuşalım", "tr"), ("turkce konusalim lutfen", "tr"),
])
def test_an_explicit_request_names_the_language(text, code):
    assert requested_language(text) == code


@pytest.mark.parametrize("text", [
    # a bare name or "I speak ..." may answer "which languages do you speak?"
    "Arabisch", "English", "I speak English", "فارسی", "українська",
    # a language inside content is content
    "I studied French literature", "Russian teacher", "Almanca öğretmeniydim",
    "учительница немецкого языка в школе", "Arabisch und Deutsch bitte",
    # "I want German" at the goals wants lessons, not another interface
    "Almanca istiyorum", "بدي الماني", "хочу немецкий",
])
def test_no_request_without_a_request_word(text):
    assert requested_language(text) is None


@pytest.mark.parametrize(("text", "code"), [
    ("Türkçe yazar mısınız?", "tr"), ("давайте по-русски, мне так проще", "ru"),
    ("can u write in arabic pls i dont understand german", "ar"),
])
def test_a_request_with_a_reason_or_a_verb_keeps_the_classifiers_choice(text, code):
    # written by the engineer integrating requested_language into the NLU guard
    assert requested_language(text) == code
    assert is_language_request(text, "choose_language")


def _reasons():
    path = Path(__file__).parents[1] / "data" / "round2" / "language_requests_with_reasons.yml"
    return [tuple(line.split("|", 1)) for line in yaml.safe_load(path.read_text())["cases"]]


@pytest.mark.parametrize(("expected", "raw"), _reasons())
def test_requests_to_continue_in_a_language_with_a_reason(expected, raw):
    # "can we continue in German? I want to practice"; learning German is no request
    assert (requested_language(raw) or "-") == expected
    assert is_language_request(raw, "choose_language") == (expected != "-")


@pytest.mark.parametrize(("text", "code"), [
    # an acknowledgement first, then the request (the summary, the consent question)
    ("yes looks ok but can you write in german please", "de"),
    ("ja passt, aber bitte auf Englisch", "en"),
    ("can we go back to english, my german is not good enough", "en"),
    # content, never a request
    ("yes all correct, my german is good", None),
    ("yes but I want to learn english", None),
    ("my English is not good enough", None),
])
def test_requests_after_an_acknowledgement(text, code):
    assert requested_language(text) == code


@pytest.mark.parametrize(("text", "code"), [
    # a verb that asks by itself, with the language it asks for
    ("смени язык на русский", "ru"), ("перемкни мову на англійську", "en"),
    ("زبان رو عوض کن به آلمانی", "de"), ("arapca yaz annem okuyacak", "ar"),
    ("عربی بنویس برای پدرم", "ar"), ("please write english, my son reads it", "en"),
    # statements, content and lists stay no request
    ("I speak English and Arabic", None), ("i write english well", None),
    ("я говорю по-русски", None), ("переведи мой диплом на немецкий", None),
    ("yaz bana almanca kursu nerede", None),
])
def test_verbs_that_ask_by_themselves(text, code):
    assert requested_language(text, by_meaning=False) == code


@pytest.mark.parametrize(("text", "kept"), [
    ("زبان رو عوض کن", True), ("dili değiştir", True), ("змінити мову", True),
    ("can i change the language", True),
    # taken for a language change by the classifier, but saying neither change nor language
    ("язык жестов тоже знаю", False), ("ok, alles richtig so", False),
])
def test_a_change_request_without_a_name_says_change_and_language(text, kept):
    assert is_language_request(text, "change_language") is kept


# Written by the integrating engineer (2026-12-07): a modal or polite word before the verb or
# the name, with a reason after the request.
@pytest.mark.parametrize(("text", "code"), [
    ("kannst du bitte Arabisch schreiben? ich verstehe nicht alles", "ar"),
    ("можете на украинском написать? мне так легче", "uk"),
    ("mishe farsi?", "fa"),
    ("ممكن عربي؟", "ar"),
    ("можна українською?", "uk"),
    ("اكتبلي بالتركي الله يخليك، مرتي تركية وهي بتساعدني بالاسئلة", "tr"),
    ("can we switch to arabic? my english is weak", "ar"),
    ("pyshit rosijskoju bud laska, ukrainsku pohano rozumiju", "ru"),
])
def test_requests_with_a_modal_and_a_reason(text, code):
    assert requested_language(text, by_meaning=False) == code


@pytest.mark.parametrize("text", [
    "can my caseworker talk to me in farsi",
    "can my son speak russian at the kita",
    "ممكن كورس الماني",
    "mishe farsi yad begiram",
    "من ادبیات روسی خوندم، به درد آلمان میخوره؟",
    "I did English literature at uni, can I work with that?",
])
def test_someone_else_speaking_or_learning_is_no_request(text):
    assert requested_language(text, by_meaning=False) is None


@pytest.mark.parametrize(("text", "code"), [
    # the language asked for first, the one the person is weak in after it
    ("momken 3arabi? english ma b3rf mnee7", "ar"),
    ("по-русски можно? немецкий у меня слабый", "ru"),
    ("Turkish please, my German is still weak", "tr"),
    ("farsi lotfan, almani nemifahmam", "fa"),
    ("po-ukrainsky mozhna? nimetsku ne rozumiiu", "uk"),
    # the request in one clause, a reason about learning in another
    ("ممكن نكمل بالالماني؟ عم اتعلم", "de"),
    ("können wir auf Englisch weitermachen? ich lerne gerade", "en"),
    # "continue", "switch it" and "it all" in the request's own words
    ("Almanca devam edelim mi, eşim okuyacak", "de"),
    ("حولها عالانكليزي لو سمحت", "en"),
    ("Можна все це англійською?", "en"),
])
def test_a_request_beside_a_weak_language_or_a_reason(text, code):
    assert requested_language(text) == code


@pytest.mark.parametrize("text", [
    "ممكن تساعدني بكورس الماني", "I want to learn German, can you help",
    "Almanca kursuna devam ediyorum",
])
def test_learning_in_the_clause_of_the_language_stays_content(text):
    assert requested_language(text) is None


# Written by the integrating engineer (round 6): read by meaning, a word only near a language
# name is none ("parasi" is Turkish money, "parsi" Persian) and a Cyrillic plural adjective
# names things ("німецькі права": German licences), not the chat's language.
@pytest.mark.parametrize("text", [
    "bir sey soracam, kira parasi ne zaman yatiyor acaba",
    "в мене українські права, чи треба міняти на німецькі?",
    "у меня российские документы, нужно менять на немецкие?",
])
def test_words_near_a_language_name_ask_for_no_language(text):
    assert requested_language(text) is None


# Written by the integrating engineer (round 7, from a hand-run): "zero" beside a language is
# its level, not a wish to chat in it.
@pytest.mark.parametrize("text", [
    "немецкий ноль, знаю только danke и bitte",
    "nemeckij nol, znaju tolko hallo",
    "almanca sifir, sadece merhaba biliyorum",
    "الماني صفر بس بعرف danke",
])
def test_a_language_at_zero_asks_for_no_language(text):
    assert requested_language(text) is None
