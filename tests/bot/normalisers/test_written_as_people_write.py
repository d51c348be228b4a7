"""Answers through the entry point (normalise_answer) as strangers type them, in 7 languages.

A second set, written after the extraction was built and before anything was tuned on it
(62 of 69 were understood at the first run; the misses were fixed, see the commit).
"""

import pytest

from bot.normalisers.answer import normalise_answer
from dialogues.interview import load_interview

FIELD = load_interview().field

# (slot, lang, typed, expected[, other answers]); ("confirm", name): stored after a yes;
# ("err",): asked again; None at the contact: nothing to store (the question is skipped)
CASES = [
 # (slot, lang, text, expected value or ('err',) or ('confirm', name), slots)
 ("given_names","en","hey there, my name's Rami","Rami"),
 ("given_names","en","Its me, Hassan","Hassan"),
 ("given_names","de","hallo ich heiße Leyla und komme aus Syrien",("confirm","Leyla")),
 ("given_names","de","Vorname: Omar","Omar"),
 ("given_names","ar","مرحبا اسمي محمد","محمد"),
 ("given_names","ar","أنا اسمي ريم 🌷","ريم"),
 ("given_names","ar","اسمي عبدالله وعمري ٣٠ سنة",("confirm","عبدالله")),
 ("given_names","fa","سلام من مریم هستم","مریم"),
 ("given_names","fa","اسمم فرشته است","فرشته"),
 ("given_names","fa","نام من حمید است 🙏","حمید"),
 ("given_names","uk","Мене звати Андрій","Андрій"),
 ("given_names","uk","привіт, моє ім'я Софія","Софія"),
 ("given_names","ru","Меня зовут Анна, я из Харькова",("confirm","Анна")),
 ("given_names","ru","моё имя Игорь","Игорь"),
 ("given_names","tr","Merhaba adım Fatma","Fatma"),
 ("given_names","tr","benim adım Ali Can","Ali Can"),
 ("given_names","en","i dont know",("err",)),
 ("given_names","de","warum willst du das wissen",("err",)),
 ("given_names","ar","ليش؟",("err",)),
 ("family_name","en","my last name is Nasser","Nasser"),
 ("family_name","de","Mein Familienname ist Yilmaz","Yilmaz"),
 ("family_name","tr","soyadım Demir","Demir"),
 ("family_name","uk","прізвище Коваленко","Коваленко"),
 ("job_years","en","about eight years",8),
 ("job_years","en","one and a half years",1.5),
 ("job_years","de","seit 2019",7),
 ("job_years","de","etwa sechs Jahre",6),
 ("job_years","ar","عشر سنين تقريبا",10),
 ("job_years","ar","من ٢٠١٥ لل ٢٠٢٠",5),
 ("job_years","ar","سنة ونص",1.5),
 ("job_years","fa","سه سال",3),
 ("job_years","fa","حدود هشت سال",8),
 ("job_years","fa","یک سال و نیم",1.5),
 ("job_years","uk","три роки",3),
 ("job_years","uk","з 2018 року",8),
 ("job_years","ru","лет десять",10),
 ("job_years","ru","четыре года",4),
 ("job_years","tr","üç yıl",3),
 ("job_years","tr","yaklaşık on yıl",10),
 ("job_years","tr","bir buçuk yıl",1.5),
 ("school_years","en","nine",{"years":9}),
 ("school_years","ar","١١ سنة",{"years":11}),
 ("school_years","ru","закончил 11 классов",{"years":11}),
 ("school_years","tr","12 yıl okudum",{"years":12}),
 ("school_years","fa","تا کلاس نهم",{"years":9}),
 ("vocational_training","en","no, none",{"none":True}),
 ("vocational_training","de","keine",{"none":True}),
 ("vocational_training","ar","ما عندي شي",{"none":True}),
 ("vocational_training","fa","نه، ندارم",{"none":True}),
 ("vocational_training","uk","не маю",{"none":True}),
 ("vocational_training","ru","нет, не было",{"none":True}),
 ("vocational_training","tr","yok maalesef",{"none":True}),
 ("contact","en","no email, sorry",None),
 ("contact","de","hab keine email",None),
 ("contact","ru","нет почты",None),
 ("contact","tr","e-postam yok",None),
 ("higher_education","en","master degree in IT",{"id":"master"}),
 ("higher_education","de","Bachelor in Informatik",{"id":"bachelor"}),
 ("higher_education","ar","بكالوريوس هندسة مدنية",{"id":"bachelor"}),
 ("higher_education","fa","لیسانس ادبیات",{"id":"bachelor"}),
 ("higher_education","uk","ступінь магістра",{"id":"master"}),
 ("higher_education","ru","высшее, бакалавр",{"id":"bachelor"}),
 ("higher_education","tr","üniversite mezunuyum",{"id":"bachelor"}),
 ("higher_education","en","I didnt finish my studies",{"none":True}),
 ("school_type","en","high school",{"id":"sy.secondary_general"},{"school_country":{"code":"SY"}}),
 ("school_type","ar","الاعدادية",{"id":"sy.basic"},{"school_country":{"code":"SY"}}),
 ("school_type","fa","دیپلم گرفتم",None,{"school_country":{"code":"IR"}}),
 ("school_type","uk","9 класів",{"id":"ua.basic"},{"school_country":{"code":"UA"}}),
 ("school_type","tr","ortaokul",{"id":"tr.lower_secondary"},{"school_country":{"code":"TR"}}),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_as_people_write(case):
    slot, lang, typed, want = case[:4]
    slots = case[4] if len(case) > 4 else {}
    result = normalise_answer(FIELD(slot), typed, lang, slots=slots)
    if isinstance(want, tuple) and want[0] == "err":
        assert not result.ok, result
    elif isinstance(want, tuple):
        assert result.ok and result.value == want[1] and result.confirm, result
    elif isinstance(want, dict):
        assert result.ok and all(result.value.get(k) == v for k, v in want.items()), result
    elif want is None and slot == "school_type":
        assert result.ok and result.value["id"].startswith("ir."), result
    elif want is None:
        assert result.ok and result.value is None, result
    else:
        assert result.ok and result.value == want, result
