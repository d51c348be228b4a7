"""How people describe schools and degrees in their own words, per language.

Phrases separated by "|", compared at the start of a word in folded text
(bot/normalisers/numbers.fold_word): "ثانوي" finds "الثانوية" (the article is folded off by
`folded`), "lise" finds "lisesi", "професійн" finds "професійного".
"""

from __future__ import annotations

import re
from functools import cache

from bot.normalisers.numbers import fold_word

# School types by what kind of school they are: the type ids of every country end in one of
# these (classifications/data/schooling.yml).
SCHOOL_CATEGORIES: dict[str, tuple[str, ...]] = {
    "primary": ("primary", "elementary", "lower_primary"),
    "lower": ("basic", "lower_secondary", "intermediate", "middle", "junior_secondary",
              "erster_schulabschluss", "mittlerer_schulabschluss"),
    "upper": ("secondary_general", "preparatory_general", "secondary_theoretical", "complete",
              "secondary", "lise", "senior_secondary", "upper_secondary_general", "abitur"),
    "vocational": ("secondary_vocational", "preparatory_vocational", "vocational", "technical",
                   "upper_secondary_vocational", "fachhochschulreife"),
    "religious": ("secondary_religious", "madrasa", "imam_hatip", "quranic"),
}
SCHOOL_WORDS: dict[str, str] = {
    "primary": "primary|elementary|grundschule|volksschule|ابتدای|ابتدائی|دبستان|ابتداییه|"
               "початков|начальн|ilkokul|ilköğretim",
    "lower": "middle school|junior high|hauptschul|mittelschul|realschul|اعدادی|متوسطه اول|"
             "راهنمایی|سیکل|неповн|базов|основн|ortaokul",
    "upper": "high school|secondary school|baccalaureat|lyceum|a levels|gymnasium|abitur|"
             "ثانوی|بکالوریا|بکلوریا|توجیهی|دیپلم|دبیرستان|لیسه|متوسطه دوم|середн|ліце|атестат|"
             "повн|средн|лице|аттестат|полн|lise",
    "vocational": "vocational|technical|trade school|berufsschul|berufsfachschul|berufliche|"
                  "technisch|مهنی|صناعی|تجاری|زراعی|فنی|حرفه|هنرستان|کاردانش|مسلکی|تخنیکی|"
                  "профес|пту|технікум|коледж|техникум|колледж|училищ|meslek|endüstri|teknik",
    "religious": "religious|islamic|madrasa|madrassa|quran|koran|religiös|شرعی|دینی|حوزه|قران|"
                 "medrese|медресе|imam hatip",
}
# Degrees above school: the higher_education option ids (HIGHER_EDUCATION_IDS).
DEGREE_WORDS: dict[str, str] = {
    "doctorate": "phd|ph d|doctorate|doctoral|promotion|promoviert|doktorand|doktortitel|"
                 "دکتوراه|دکتورا|دکترای تخصصی|دکترا|доктор наук|доктор філософії|"
                 "кандидат наук|аспірант|аспирант|doktora",
    "master": "master|msc|mba|magister|diplom|ماجستیر|ماستر|فوق لیسانس|فوقلیسانس|"
              "کارشناسی ارشد|ارشد|магістр|магистр|спеціаліст|специалист|yüksek lisans",
    "bachelor": "bachelor|bsc|b sc|undergraduate|university degree|hochschulabschluss|"
                "universitätsabschluss|بکالوریوس|بکلوریوس|بکالوریس|لیسانس|لسانس|اجازه جامعیه|"
                "شهاده جامعیه|اجازه فی|کارشناسی|бакалавр|вища освіта|высшее|lisans",
    "short_tertiary": "associate degree|college diploma|institute|kurzstudium|معهد|دبلوم|"
                      "کاردانی|فوق دیپلم|فوقدیپلم|فوق بکلوریا|انستیتوت|молодший спеціаліст|"
                      "молодший бакалавр|технікум|коледж|техникум|колледж|среднее специальное|"
                      "средне специальное|ön lisans|önlisans|meslek yüksekokulu|myo",
    "post_secondary": "post secondary|postsecondary|پس از دیپلم|بعد الثانویه",
    "vocational": "vocational|apprenticeship|trade certificate|skilled worker|ausbildung|lehre|"
                  "gesellenbrief|geselle|facharbeiter|berufsausbildung|berufsabschluss|meister|"
                  "تدریب مهنی|شهاده مهنیه|مهنی|صنعه|فنی و حرفه|فنی حرفه|کاراموزی|استادکار|"
                  "професійн|пту|кваліфікован|училищ|профессиональн|ustalık|kalfalık|çıraklık|"
                  "meslek lisesi|meslek belgesi|meslek eğitimi",
}
# Studies given up: a degree named in such a clause was not obtained.
UNFINISHED_WORDS = (
    "didn t finish|didnt finish|did not finish|not finished|unfinished|dropped out|"
    "never finished|incomplete|couldn t finish|couldnt finish|could not finish|"
    "nicht abgeschlossen|nicht beendet|abgebrochen|ohne abschluss|nicht fertig|"
    "لم اکمل|لم انه|لم اتخرج|ما کملت|ماکملت|ما خلصت|ماخلصت|ما تخرجت|ماتخرجت|ترکت|"
    "نیمه تمام|نیمهتمام|تمام نکردم|تموم نکردم|ناتمام|ول کردم|نصفه|"
    "не закінчив|не закінчила|незакінчен|кинув|кинула|не доучи|"
    "не окончил|не окончила|не закончил|не закончила|незаконченн|бросил|бросила|"
    "bitirmedim|bitiremedim|yarım bıraktım|yarıda|mezun olmadım|terk ettim"
)
UNIVERSITY_WORDS = "university|uni|universität|hochschule|studium|studied|studies|study|" \
                   "studying|studiert|studieren|جامعه|" \
                   "دانشگاه|پوهنتون|університет|университет|вуз|виш|üniversite|fakülte"
_CLAUSE = re.compile(r"[,.;!?،؛؟]| (?:but|aber|then|dann|danach|لكن|ولكن|بعدين|ثم|اما|ولی|"
                     r"но|але|потім|потом|ama|sonra|fakat) ", re.IGNORECASE)
_ARTICLE = re.compile(r"(?<= )(?:وال|بال|ال)(?=\S{3,})")


def folded(text: str) -> str:
    """Folded words between single spaces, with a space at both ends; Arabic article off."""
    words = " ".join(fold_word(w) for w in re.findall(r"[^\W_]+", text))
    return _ARTICLE.sub("", f" {words} ")


@cache
def _phrases(spec: str) -> tuple[str, ...]:
    return tuple(sorted({" ".join(fold_word(w) for w in p.split()) for p in spec.split("|")},
                        key=len, reverse=True))


def mentions(text: str, spec: str) -> list[tuple[int, int]]:
    """Spans in folded `text` where a phrase of `spec` starts a word; a span inside a longer
    one is left out ("ön lisans" is no "lisans")."""
    spans: list[tuple[int, int]] = []
    for phrase in _phrases(spec):
        for match in re.finditer(r"(?<= )" + re.escape(phrase), text):
            spans.append((match.start(), match.end()))
    return spans


def clauses(text: str) -> list[str]:
    return [folded(part) for part in _CLAUSE.split(f" {text} ") if part and part.strip()]
