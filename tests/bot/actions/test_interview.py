"""When an answer to an interview question is an interruption, and when it is an answer."""

import pytest

from bot.actions.interview import _is_interruption
from dialogues.interview import load_interview

FIELD = load_interview().field


@pytest.mark.parametrize("slot, text, intent, confidence, valid, expected", [
    # button payloads always interrupt
    ("given_names", "/ask_why", "ask_why", 1.0, False, True),
    # a valid structured answer is an answer, whatever the classifier says
    ("spoken_language", "Ich spreche Arabisch", "change_language", 0.99, True, False),
    ("date_of_birth", "23.04.1990", "show_my_data", 0.99, True, False),
    # curated command phrases interrupt anywhere
    ("given_names", "warum?", "ask_why", 0.5, False, True),
    ("goals", "stopp", "stop_interview", 0.6, False, True),
    # names and towns that a classifier reads as commands are answers
    ("given_names", "Salam", "greet", 0.99, False, False),
    ("family_name", "Yusuf", "stop_interview", 0.97, False, False),
    ("municipality", "Halle", "greet", 0.95, False, False),
    ("municipality", "Bremen", "stop_interview", 0.95, False, False),
    # free text is an answer unless it is a curated command
    ("goals", "Eine Ausbildung als Mechaniker", "correct_field", 0.99, False, False),
    ("goals", "<b>hi</b>", "greet", 0.99, False, False),
    # a greeting mid-question is a curated one: a wrong answer the classifier calls a greeting
    # gets the re-ask
    ("spoken_language_level", "gut oder sehr gut", "greet", 0.97, False, False),
    ("date_of_birth", "hallo", "greet", 0.6, False, True),
    # a long, confident command at a name question interrupts
    ("given_names", "why do you need my name", "ask_why", 0.95, False, True),
    # at a structured question, a confident command interrupts when the answer is invalid
    ("date_of_birth", "wofür brauchst du mein Geburtsdatum", "ask_why", 0.9, False, True),
    ("country_of_origin", "Atlantis", "skip_question", 0.5, False, False),
    # yes/no words are answers, never commands
    ("more_jobs", "nein", "stop_interview", 0.9, False, False),
    # a typed language name is an answer (only its button switches the interface)
    ("spoken_language", "Deutsch", "choose_language", 0.99, False, False),
    ("spoken_language", '/choose_language{"language":"de"}', "choose_language", 1.0, False, True),
    # languages named at the languages questions answer them, whatever the classifier says
    ("spoken_language", "Kurdisch, Arabisch und bissl Türkisch", "out_of_scope", 0.95, False,
     False),
    ("more_languages", "Englisch auch n bisschen", "out_of_scope", 0.95, False, False),
    # questions are told by their shape (_question_instead), not by the off-topic rule
    ("more_languages", "kennen Sie einen Arzt, der Arabisch spricht?", "out_of_scope", 0.95,
     False, False),
    ("municipality", "Kennen Sie einen Psychologen, der Kurdisch spricht?", "out_of_scope", 0.7,
     True, False),
    ("municipality", "Halle (Saale)?", "out_of_scope", 0.7, True, False),
    # a wrong kind of answer the classifier puts off-topic gets the re-ask, not the editors
    ("date_of_birth", "Aleppo", "out_of_scope", 0.97, False, False),
    ("date_of_birth", "ich bin in Aleppo geboren", "out_of_scope", 0.95, False, False),
    ("given_names", "١٢٣ ٤٥٦ ٧٨٩", "out_of_scope", 0.95, False, False),
    ("country_of_origin", "ich wohne jetzt in Leipzig", "out_of_scope", 0.9, False, False),
    # intents that never interrupt the interview
    ("given_names", "Ahmad", "inform", 0.99, False, False),
    # "пока" is "bye" and "for now": beside a town found it is the town
    ("municipality", "пока живём в Готе, потом посмотрим", "goodbye", 0.97, True, False),
    ("municipality", "пока, до свидания, напишу завтра", "goodbye", 0.97, False, True),
])
def test_interruption_policy(slot, text, intent, confidence, valid, expected):
    assert _is_interruption(FIELD(slot), text, intent, confidence, "de", valid) is expected


@pytest.mark.parametrize("slot, text, valid, expected", [
    ("municipality", "Kennen Sie einen Psychologen, der Kurdisch spricht?", True, True),
    ("given_names", "where can i find a doctor for my child?", True, True),
    ("date_of_birth", "muss ich das wirklich sagen, wo ist das Jobcenter?", False, True),
    ("date_of_birth", "23.04.1990", True, False),
    ("municipality", "Halle (Saale)?", True, False),  # a town with a doubt is still a town
    ("more_languages", "kennen Sie einen Arzt, der Arabisch spricht?", False, True),
    # no question mark, an interrogative opening or a question word later in the sentence
    ("date_of_birth", "wo kann ich meine Geburtsurkunde übersetzen lassen", False, True),
    ("country_of_origin", "مدرکمو کجا ترجمه کنم", False, True),
    ("given_names", "how do i get a work permit", True, True),
    # a value read out of a question by its words is no answer ("?" alone keeps it one)
    ("country_of_origin", "wie lange dauert die anerkennung in deutschland", True, True),
    ("spoken_language", "где можно выучить немецкий", True, True),
    ("country_of_origin", "Syrien?", True, False),
    # a wrong kind of answer is no question
    ("date_of_birth", "Aleppo", False, False),
    ("date_of_birth", "ich bin in Aleppo geboren", False, False),
    ("given_names", "١٢٣٤٥", False, False),
    # at open questions, a question is a question (the knowledge base then decides)
    ("goals", "kann ich als Krankenschwester arbeiten?", True, True),
    ("vocational_training", "diplomami nerede tanitabilirim", True, True),
    ("job_occupation", "где можно выучить немецкий", False, True),
    ("goals", "Ich möchte wieder als Krankenschwester arbeiten", True, False),
    ("availability", "wie?", True, False),  # a word or two answers
    ("given_names", '/inform{"option":"x"}', False, False),
])
def test_a_question_instead_of_an_answer(slot, text, valid, expected):
    from bot.actions.interview import _question_instead

    assert _question_instead(FIELD(slot), text, valid) is expected


@pytest.mark.parametrize("slot, valid, expected", [
    ("goals", True, True),  # "can I work as a nurse again?" is a goal unless the KB answers
    ("availability", True, True),  # "can I start in January?"
    ("job_title", True, False),  # "can I do a minijob while I study?" is no job
    ("vocational_training", True, False),
    ("job_occupation", False, True),
    ("country_of_origin", True, True),  # the value stands unless the KB answers the question
    ("date_of_birth", False, False),  # nothing else it could be: "I don't know", kept
    ("given_names", True, False),  # a whole question is no name
    ("municipality", True, False),
])
def test_which_questions_stay_answers_without_a_kb_answer(slot, valid, expected):
    from bot.actions.interview import _question_needs_answer

    assert _question_needs_answer(FIELD(slot), valid) is expected


@pytest.mark.parametrize("slot, text, expected", [
    # a long question that happens to name a value asks something else: a question, even when
    # the knowledge base does not know it
    ("german_level", "а є курси німецької для роботи, щоб на B2 вийти? берусшпрахкурс чи як його",
     False),
    ("country_of_origin", "wie lange dauert die Anerkennung in Deutschland für Ärzte", False),
    ("country_of_origin", "شلون ابدل اجازة السوق العراقية بوحدة المانية؟", False),
    # short ones stay answers
    ("country_of_origin", "Syria?", True),
    ("german_level", "B1 glaube ich?", True),
    ("country_of_origin", "from Syria, why do you need it", True),
])
def test_a_long_question_is_a_question_even_where_it_names_a_value(slot, text, expected):
    from bot.actions.interview import _question_needs_answer

    assert _question_needs_answer(FIELD(slot), True, text) is expected


@pytest.mark.parametrize("slot, text, valid, expected", [
    # an explicit request switches at any question, the languages questions too
    ("date_of_birth", "german please", False, "de"),
    ("goals", "can we speak english", True, "en"),
    ("spoken_language", "بالعربي لو سمحت", True, "ar"),
    ("more_languages", "türkçe konuşalım", False, "tr"),
    ("job_title", "давайте по-русски", True, "ru"),
    ("municipality", "فارسی لطفا", True, "fa"),
    ("german_level", "можна українською?", False, "uk"),
    # a bare language name answers the languages questions, and any valid answer
    ("spoken_language", "Arabisch", True, None),
    ("spoken_language_level", "English", False, None),
    ("more_languages", "English", False, None),
    ("family_name", "Deutsch", True, None),
    # ... but where it cannot be an answer it asks for the language
    ("date_of_birth", "English", False, "en"),
    ("german_level", "Almanca istiyorum", False, None),
    ("date_of_birth", "I speak English", False, None),
    # a language inside content is content
    ("goals", "I studied French literature", True, None),
    ("job_title", "Russian teacher", True, None),
    ("job_title", "Almanca öğretmeni", True, None),
    # the language buttons go through the rules
    ("date_of_birth", '/choose_language{"language":"en"}', False, None),
    # a request to go on in a language, with why: practice, no letters on the phone
    ("family_name", "ممكن نكمل بالالماني؟ بدي اتمرن شوي", True, "de"),
    ("given_names", "میشه آلمانی بنویسین؟ میخوام تمرین کنم", True, "de"),
    ("date_of_birth", "давай дальше на немецком, хочу практиковаться", False, "de"),
    ("school_years", "ingilizce devam edebilir miyiz, telefonumda turkce harfler yok okumak zor",
     False, "en"),
    ("goals", "Almanca öğrenmek istiyorum", True, None),
    ("goals", "بدي اتعلم الماني وين في كورس", True, None),
    ("spoken_language", "ترکی آذری هم بلدم چون مادرم تبریزیه", True, None),
    ("spoken_language", "دری، پشتو، یه کمی اردو", True, None),
])
def test_a_language_request_mid_interview(slot, text, valid, expected):
    from bot.actions.interview import _language_switch

    assert _language_switch(FIELD(slot), text, valid) == expected


@pytest.mark.parametrize("text, stored, answered", [
    # a question after the answer: answered from the knowledge base, the answer part kept
    ("Ab sofort. Übrigens, wo muss ich mich anmelden wenn ich umziehe?", "Ab sofort.", True),
    # a request for another language goes to the language rules, whole
    ("Ab sofort. Können wir bitte auf Englisch weitermachen?",
     "Ab sofort. Können wir bitte auf Englisch weitermachen?", False),
    # a question about the person's own plans the base cannot answer stays part of the answer
    ("Ab Februar. Kann ich erst nach dem Ramadan anfangen?",
     "Ab Februar. Kann ich erst nach dem Ramadan anfangen?", False),
])
def test_an_answer_then_a_question_at_an_open_question(text, stored, answered):
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from bot.actions.interview import _answer_aside_question

    dispatcher = CollectingDispatcher()
    tracker = Tracker("aside-test", {}, {"text": text}, [], False, None, {}, None)
    assert _answer_aside_question(dispatcher, tracker, FIELD("availability"), text, "de") == stored
    assert any((m.get("custom") or {}).get("kb_entry") for m in dispatcher.messages) is answered


@pytest.mark.parametrize("original, first, typed, expected", [
    # at "Is your first name Elif Nur?", the family name the same answer gave goes on to it
    ("adım Elif Nur, soyadım Kaplan", "Elif Nur", "Kaplan", True),
    ("ich heiße Rami, Nachname Haddad", "Rami", "haddad", True),
    # a family name said as one ("фамилия Ахмедов", hand-run) goes on to it as well
    ("я Тимур Рашидович", "Тимур", "фамилия Ахмедов", True),
    # a name the answer did not give as the family name is a new first name
    ("adım Elif Nur", "Elif Nur", "Kaplan", False),
    ("ich heiße Rami, Nachname Haddad", "Rami", "Rania", False),
])
def test_the_family_name_typed_at_the_first_name_confirmation(original, first, typed, expected):
    from bot.actions.interview import _repeats_family_name

    pending = {"original": original, "value": first}
    assert _repeats_family_name(FIELD("given_names"), pending, typed, "tr") is expected


# Written by the integrating engineer (round 5).
@pytest.mark.parametrize("slot, text, stored, entry", [
    # a question in the last clause of one sentence: answered, the clauses before it stored
    ("goals", "ich möchte als Erzieherin arbeiten, brauch ich dafür eine Anerkennung von meinem "
     "Abschluss aus Syrien", "ich möchte als Erzieherin arbeiten",
     "leipzig-work-recognition-of-qualifications"),
    # a worry whose topic the answer before it names: found through the whole message, which
    # is stored whole
    ("goals", "Koch werden, aber ich weiß nicht ob man während der Ausbildung Geld bekommt",
     "Koch werden, aber ich weiß nicht ob man während der Ausbildung Geld bekommt",
     "leipzig-work-vocational-training-ausbildung"),
])
def test_a_question_or_worry_inside_an_open_answer(slot, text, stored, entry):
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from bot.actions.interview import _answer_aside_question

    dispatcher = CollectingDispatcher()
    tracker = Tracker("aside-test", {}, {"text": text}, [], False, None, {}, None)
    assert _answer_aside_question(dispatcher, tracker, FIELD(slot), text, "de") == stored
    assert [(m.get("custom") or {}).get("kb_entry") for m in dispatcher.messages
            if (m.get("custom") or {}).get("kb_entry")] == [entry]
