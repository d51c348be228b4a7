"""'I have none': a clean skip at the contact question, a clean 'none' at training and job."""

import pytest

from bot.normalisers.answer import normalise_answer
from bot.normalisers.declines import says_none
from dialogues.interview import load_interview

INTERVIEW = load_interview()

NONE_ANSWERS = [
    ("en", "I have no e-mail"), ("en", "no"), ("en", "nope, nothing"), ("en", "never"),
    ("en", "I don't have an email sorry"), ("en", "i dont have phone"), ("en", "none"),
    ("en", "No I never did any training"), ("en", "n/a"), ("en", "nah"),
    ("de", "Nein, ich habe keine E-Mail"), ("de", "keine Ausbildung"), ("de", "hab ich nicht"),
    ("de", "nö"), ("de", "leider keine Handynummer"), ("de", "nie gemacht"),
    ("ar", "ما عندي ايميل"), ("ar", "لا ما عندي"), ("ar", "ماكو"), ("ar", "لا يوجد"),
    ("ar", "ما عندي تدريب مهني"), ("ar", "لا للاسف"), ("ar", "مافي"),
    ("fa", "ایمیل ندارم"), ("fa", "نه ندارم"), ("fa", "هیچی"), ("fa", "شماره تلفن ندارم"),
    ("fa", "دوره فنی و حرفه‌ای نرفتم"), ("fa", "نخیر"),
    ("uk", "у мене немає пошти"), ("uk", "ні"), ("uk", "немає"), ("uk", "нема телефону"),
    ("uk", "ніякого навчання не було"),
    ("ru", "нет у меня почты"), ("ru", "никакого обучения не было"), ("ru", "нету"),
    ("ru", "нет, к сожалению"),
    ("tr", "yok"), ("tr", "mailim yok"), ("tr", "mesleki eğitimim yok"), ("tr", "hiç kurs almadım"),
    ("tr", "hayır yok"), ("tr", "telefonum yok maalesef"),
]
CONTENT = [
    ("en", "no training but I worked as a carpenter"), ("en", "0176 12345678"),
    ("de", "Ausbildung als Elektriker"), ("de", "Elektriker in Aleppo"),
    ("ar", "دبلوم كهرباء من معهد في حلب"), ("fa", "خیاطی در کابل"), ("uk", "медичний коледж"),
    ("ru", "курсы парикмахера"), ("tr", "kuaförlük kursu"), ("en", "samira@mail.com"),
]


@pytest.mark.parametrize(("lang", "typed"), NONE_ANSWERS)
def test_says_none(lang, typed):
    assert says_none(typed, lang)


@pytest.mark.parametrize(("lang", "typed"), CONTENT)
def test_an_answer_with_content_is_no_none(lang, typed):
    assert not says_none(typed, lang)


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "no"), ("de", "nein, keine"), ("ar", "لا"), ("fa", "ندارم"), ("uk", "ні"),
    ("ru", "нет"), ("tr", "yok"), ("en", "I have none"),
])
def test_no_vocational_training_is_a_clean_none(lang, typed):
    result = normalise_answer(INTERVIEW.field("vocational_training"), typed, lang)
    assert result.value == {"none": True}


def test_training_described_is_kept_as_written():
    result = normalise_answer(INTERVIEW.field("vocational_training"),
                              "Ausbildung als Elektriker in Aleppo", "de")
    assert result.value == "Ausbildung als Elektriker in Aleppo"


@pytest.mark.parametrize(("lang", "typed"), [
    ("en", "I have no e-mail"), ("ar", "ما عندي ايميل"), ("fa", "ایمیل ندارم"),
    ("uk", "немає"), ("tr", "mailim yok"),
])
def test_no_contact_is_nothing_to_store_not_an_error(lang, typed):
    result = normalise_answer(INTERVIEW.field("contact"), typed, lang)
    assert result.ok and result.value is None
