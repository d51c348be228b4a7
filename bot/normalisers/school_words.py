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
             "کفاءه|کفاه|کفائه|تعلیم اساسی|شهاده اساسی|"
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
# Where a country names a stage otherwise: in Iraq "الإعدادية" (preparatory) is the upper
# secondary school that ends with the sixth preparatory class, not the lower one.
COUNTRY_SCHOOL_WORDS: dict[str, dict[str, str]] = {
    "IQ": {"upper": "اعدادی|سادس اعدادی|السادس الاعدادی"},
}
# Degrees above school: the higher_education option ids (HIGHER_EDUCATION_IDS).
DEGREE_WORDS: dict[str, str] = {
    "doctorate": "phd|ph d|doctorate|doctoral|promotion|promoviert|doktorand|doktortitel|"
                 "دکتوراه|دکتورا|دکترای تخصصی|دکترا|доктор наук|доктор філософії|"
                 "кандидат наук|аспірант|аспирант|doktora|"
                 # "кандидат біологічних наук": the Soviet-style doctorate names its science
                 + "|".join(f"кандидат {science} наук" for science in (
                     "біологічних технічних медичних економічних філологічних педагогічних "
                     "хімічних юридичних історичних фізико-математичних сільськогосподарських "
                     "биологических технических медицинских экономических филологических "
                     "педагогических химических юридических исторических физико-математических "
                     "сельскохозяйственных").split()),
    "master": "master|msc|mba|magister|diplom|ماجستیر|ماستر|فوق لیسانس|فوقلیسانس|"
              "کارشناسی ارشد|ارشد|магістр|магистр|спеціаліст|специалист|yüksek lisans",
    "bachelor": "bachelor|bsc|b sc|undergraduate|university degree|hochschulabschluss|"
                "universitätsabschluss|بکالوریوس|بکلوریوس|بکالوریس|لیسانس|لسانس|اجازه جامعیه|"
                "شهاده جامعیه|اجازه فی|کارشناسی|бакалавр|вища освіта|вища|вищу|высшее|высшего|"
                "lisans|universite mezun|üniversite mezun|fakülte mezun",
    "short_tertiary": "associate degree|college diploma|diploma|institute|kurzstudium|fachschule|"
                      "معهد|دبلوم|"
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
# Studies given up or still going on: a degree named in such a clause was not obtained
# (yet). A clause of these words alone ("stopped because of the war") speaks of the studies
# named just before it.
UNFINISHED_WORDS = (
    "didn t finish|didnt finish|did not finish|not finished|unfinished|dropped out|"
    "never finished|incomplete|couldn t finish|couldnt finish|could not finish|stopped|"
    "had to stop|had to leave|quit|still studying|still a student|i am a student|im a student|"
    "not yet|third year|second year|first year|3rd year|2nd year|1st year|after one year|"
    "after 1 year|after two years|after 2 years|only one year|only 1 year|"
    "nicht abgeschlossen|nicht beendet|abgebrochen|ohne abschluss|nicht fertig|aufgehört|"
    "aufhören|studiere noch|noch student|noch nicht|"
    "لم اکمل|لم انه|لم اتخرج|ما کملت|ماکملت|ما خلصت|ماخلصت|ما تخرجت|ماتخرجت|ترکت|"
    "ما کفیت|ماکفیت|توقفت|وقفت|انقطعت|لسا|لسه|لساتنی|بعدنی|طالب|طالبه|سنه ثالثه|سنه ثانیه|"
    "سنه اولی|سنه رابعه|"
    "نیمه تمام|نیمهتمام|تمام نکردم|تموم نکردم|تموم نشد|تمام نشد|ناتمام|ول کردم|ولش کردم|"
    "نصفه|رها کردم|نیمه کاره|هنوز|دانشجو|ترم|"
    "неповна вища|неповної вищої|неповну вищу|неполное высшее|неполного высшего|незавершен|"
    "не закінчив|не закінчила|незакінчен|кинув|кинула|не доучи|недоучи|досі вчу|ще вчу|"
    "студент|не окончил|не окончила|не закончил|не закончила|незаконченн|бросил|бросила|"
    "ещё учусь|еще учусь|перестал|перестала|пришлось уйти|курсе|неоконченн|неокончен|"
    "bitirmedim|bitiremedim|yarım bıraktım|yarıda|yarim|mezun olmadım|terk ettim|bıraktım|"
    # "sınıfta bıraktım" (left in the … year); "sınıf öğretmenliği" is a degree's subject
    "hala okuyorum|okuyorum|öğrenciyim|ogrenciyim|sınıfta|sinifta|sınıfında|sinifinda"
)
# What is said to be missing: "keine Uni", "no university", "دانشگاه نرفتم", "вишу нема",
# "üniversite okumadım"; whole words, the nearest degree or university is denied (before it in
# most languages, after it in Persian and Turkish verbs, "нема", "yok").
NEGATION_WORDS = frozenset(fold_word(w) for w in (
    "no not never without none dont don didnt didn havent haven kein keine keinen nicht nie "
    "ohne لا ما لم مش مو بدون ولا نه نرفتم نخواندم نخوندم نکردم ندارم نرفته نیست نبود نشد "
    "نگرفتم немає нема не без нет нету ни yok değil hiç olmadı").split())
# Turkish past verbs in the negative: "okumadım", "gitmedim", "girmedik".
TURKISH_NEGATED_VERB = re.compile(r"^\w{2,}m[ae]d[iı][mkn]?$")
# A school-leaving certificate or school named at the degree question: no higher education,
# unless a degree is named too ("high school and then a bachelor").
SCHOOL_LEVEL_WORDS = (
    "high school diploma|secondary school diploma|school diploma|high school|secondary school|"
    "school|schule|abitur|matura|fachabitur|mittlere reife|"
    "realschul|hauptschul|gymnasium|baccalaureat|a levels|"
    "ثانوی|بکالوریا|بکلوریا|توجیهی|مدرسه|اعدادی|متوسطه|دیپلم|دبیرستان|مکتب|لیسه|"
    "школ|атестат|аттестат|ліцей|лицей|класів|классов|"
    "lise|okul|ortaokul|ilkokul"
)
UNIVERSITY_WORDS = "university|uni|universität|hochschule|studium|studied|studies|study|college|" \
                   "studying|studiert|studieren|جامعه|" \
                   "دانشگاه|پوهنتون|університет|университет|вуз|виш|üniversite|fakülte"
# "Graduate" without the level: higher studies when no school or degree is named with it.
GRADUATE_WORDS = "graduated|graduate|graduating|خریج|متخرج|تخرجت|فارغ التحصیل|فارغ‌التحصیل"
_CLAUSE = re.compile(r"[,.;!?،؛؟]| (?:but|aber|then|dann|danach|و?لكن|و?بعدين|و?بعدها|ثم|بس|اما|ولی|"
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
        # Arabic and Persian write "and" on the next word: "وماجستیر", "وما کملت"
        conjunction = "و?" if re.match(r"[\u0600-\u06ff]", phrase) else ""
        for match in re.finditer(rf"(?<= ){conjunction}({re.escape(phrase)})", text):
            spans.append((match.start(1), match.end(1)))
    return spans


def clauses(text: str) -> list[str]:
    return [folded(part) for part in _CLAUSE.split(f" {text} ") if part and part.strip()]
