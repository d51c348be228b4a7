"""What reaches the knowledge base as a question: a greeting in front is no part of it."""

import pytest

from nlu.questions import without_greeting


@pytest.mark.parametrize(("text", "question"), [
    ("السلام عليكم، وين لازم سجل عنواني بلايبزيغ؟", "وين لازم سجل عنواني بلايبزيغ؟"),
    ("hi where do i register my adress?", "where do i register my adress?"),
    ("Hallo, wo kann ich Deutsch lernen?", "wo kann ich Deutsch lernen?"),
    ("Привет, где открыть счёт?", "где открыть счёт?"),
    ("Merhaba Almanca kursu nerede?", "Almanca kursu nerede?"),
    # no greeting, or nothing but a greeting: unchanged
    ("wo kann ich Deutsch lernen?", "wo kann ich Deutsch lernen?"),
    ("Hallo", "Hallo"),
])
def test_a_greeting_in_front_of_a_question_is_dropped(text, question):
    assert without_greeting(text) == question
