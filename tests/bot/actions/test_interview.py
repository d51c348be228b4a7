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
    # ... but a question that names a language is still a question
    ("more_languages", "kennen Sie einen Arzt, der Arabisch spricht?", "out_of_scope", 0.95,
     False, True),
    # a whole question where a town is asked, even if it could pass for a town name
    ("municipality", "Kennen Sie einen Psychologen, der Kurdisch spricht?", "out_of_scope", 0.7,
     True, True),
    ("municipality", "Halle (Saale)?", "out_of_scope", 0.7, True, False),
    # intents that never interrupt the interview
    ("given_names", "Ahmad", "inform", 0.99, False, False),
])
def test_interruption_policy(slot, text, intent, confidence, valid, expected):
    assert _is_interruption(FIELD(slot), text, intent, confidence, "de", valid) is expected


@pytest.mark.parametrize("slot, text, valid, expected", [
    ("municipality", "Kennen Sie einen Psychologen, der Kurdisch spricht?", True, True),
    ("given_names", "where can i find a doctor for my child?", True, True),
    ("date_of_birth", "muss ich das wirklich sagen, wo ist das Jobcenter?", False, True),
    ("date_of_birth", "23.04.1990", True, False),
    ("municipality", "Halle (Saale)?", True, False),  # a town with a doubt is still a town
    ("goals", "kann ich als Krankenschwester arbeiten?", True, False),  # open: an answer
    ("given_names", '/inform{"option":"x"}', False, False),
])
def test_a_question_instead_of_an_answer(slot, text, valid, expected):
    from bot.actions.interview import _question_instead

    assert _question_instead(FIELD(slot), text, valid) is expected
