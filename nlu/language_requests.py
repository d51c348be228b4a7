"""A request for another chat language in a person's words, not a language named in passing.

"German please", "давайте по-русски, мне так проще", "can you write in arabic i dont understand
german" are requests: the word rules below take them (a choice word, a request word or verb, a
reason). What they do not know ("kanste ma auf englisch", "به دری نوشته کو که خانمم بخوانه",
"türkçe biliyor musun?") is read by meaning (language_request_meaning.py). A language inside
content ("Russian teacher", "I want to learn German", "is there an Arabic-speaking doctor?") is
no request.
"""

from __future__ import annotations

import re

from dialogues.languages import CODES
from nlu import language_request_meaning
from nlu.language_names import CHOICE_WORDS, only_language_choice, scan_names
from nlu.language_names import fold_name as _fold

# Words (and word pairs) that make a language choice a request, not an answer: "german please",
# "can we speak english", "بالعربي لو سمحت", "فارسی لطفا", "давайте по-русски", "можна
# українською?", "türkçe konuşalım". Without one, "Arabisch" or "I speak English" may answer
# "which languages do you speak?". "I want ..." is none: "Almanca istiyorum" at the goals
# wants German lessons, not a German interface. Folded like the language names.
_REQUEST_WORDS = frozenset(_fold(w) for w in """
    please pls plz switch change changing prefer instead rather lets back
    bitte wechseln wechsle umstellen ändern lieber
    سمحت فضلك رجاء ممكن خلينا نحكي نتكلم احكي تكلم تغيير
    لطفا لطفاً خواهش خواهشا کنیم بزنیم بریم عوض تغییر میشه
    ласка давай давайте можна перейти перейдімо змінити говорімо
    пожалуйста можно перейдем перейдём сменить поменять
    lütfen konuşalım konuşabilir geç geçelim değiştir yazalım edelim edebilir geçebilir
    mumkin mumken momken mishe lotfan davai davaite mozhno pozhaluysta
""".split())
_REQUEST_PAIRS = frozenset(_fold(p) for p in (
    "can we", "could we", "can you", "could you", "let us", "let s",
    "können wir", "könnten wir", "lass uns", "geht das", "می شه",
))


# Asking someone to write or speak ("Türkçe yazar mısınız", "ممكن تحكي معي عربي", "can you write
# in arabic"): verbs of a request beside the choice words above, folded.
_REQUEST_VERBS = frozenset(_fold(w) for w in """
    write speak talk answer reply use yazar yazabilir konuşur konuşabilir tahki
    تحكي تكتب حكي صحبت حرف بنویسی بنویسید بنویسین بگی بگید benevisin benevisid
    schreiben sprechen antworten писать говорить писати говорити розмовляти
""".split())
# Who is asked: a verb of writing or speaking asks only with one ("can you write", "kannst du",
# "Türkçe yazar mısınız", "можете писать"); "I speak English" asks nothing.
_ASKED = frozenset(_fold(w) for w in """
    you u ya du sie ihr kannst könnt könnten können mısınız misiniz musunuz misin musun
    معي معاي وياي ويايا فيك بتقدر تقدر ممكن میتونی میتونید میشه میشود برام برای
    можете можешь можна можно мне мені
""".split())
# Imperatives that ask by themselves ("пишите по-русски", "Türkçe yazın", "اكتب عربي").
_IMPERATIVES = frozenset(_fold(w) for w in """
    schreib schreibt sprich sprecht antworte
    пишите напишите пиши говорите говори напишіть пишіть говоріть розмовляйте пишіть
    yazın yazin konuşun konusun yaz konuş اكتب اكتبلي احكيلي احكي كلمني بنویس بگو
""".split())
# What a reason after a request may say ("мне так проще", "ich verstehe nicht", "i dont
# understand german"): nothing about the person's life, only why another language helps.
_REASON_WORDS = frozenset(_fold(w) for w in """
    i me my it is its so for because cause cuz since dont don't do not understand speak well
    good very much easier easy better more no cant can't read this that am im
    ich verstehe nicht kein keine gut gar sehr weil denn da kann besser leichter einfacher nix
    spreche es so ist für
    мне так проще легче лучше я не понимаю говорю плохо потому что очень совсем знаю
    hochu khochu praktikovatsya potrenirovatsya mne tak proshche legche
    mikham mikhām tamrin konam chon rahattaram behtar
    мені простіше легше краще розумію погано бо дуже зовсім знаю
    anlamıyorum anlamiyorum bilmiyorum anlamadım çünkü daha kolay iyi değil pek hiç için
    ما مش مو بفهم افهم ما بعرف بعرفش مابفهم لانه لان لاني اسهل أسهل احسن افضل أفضل كتير كثير
    منيح ماني فاهم
    من نمیفهمم نمی‌فهمم نمیفهمم بلد نیستم نیستم چون راحت‌ترم راحتترم راحت تر بهتر خیلی زیاد
    want wanna to practice practise practicing practising improve a bit little enough go
    will möchte möchten üben trainieren verbessern bisschen ein etwas
    بدي بدى اتمرن تمرن اتدرب تدرب تمرين اتحسن شوي شوية شويه
    میخوام میخواهم تمرین کنم یکم کمی کم
    хочу хочется практиковаться попрактиковаться потренироваться тренироваться немного
    хочу практикуватися попрактикуватися потренуватися трохи
    pratik yapmak yapayım istiyorum geliştirmek biraz
    still noch ещё еще ще hala لسا لسه هنوز
    phone keyboard letters letter hard difficult reading weak bad schwach слабый слабая
    слабкий слабка zayif zayıf ضعيف ضعیفه ضعیف
    handy telefon tastatur buchstaben schwer schwierig lesen
    تلفوني موبايلي جوالي الكيبورد كيبورد حروف صعب صعبة القراءة القرايه
    گوشیم گوشی کیبورد حروف سخته سخت خوندن خواندن
    телефоне клавиатуре клавиатура букв буквы трудно сложно читать
    телефоні клавіатурі клавіатура літер літери важко складно читати
    telefonumda telefonda klavyemde klavye harfler harf yok okumak zor
    في فيه فيو فيها مافي مافيه ما
    badde baddi biddi bidi etmarran atmarran itmarran etdarrab shway shwaye shwaya
""".split())
# A clause that only acknowledges may come first ("yes looks ok but can you write in german
# please" at the summary); it asks nothing by itself.
_ACKNOWLEDGING = frozenset(_fold(w) for w in """
    yes yeah ok okay looks look fine all everything correct right but thanks thank
    ja passt alles richtig gut aber danke okay
    نعم اي ايه ايوه تمام كله صح صحيح بس شكرا
    بله آره اره درسته همه ولی اما ممنون مرسی
    да так все всё правильно но але дякую спасибо добре хорошо
    evet tamam hepsi dogru doğru ama tesekkurler teşekkürler
""".split())
# Words that, just before a language name, refuse it: "no English please", "kein Englisch".
_REFUSING = frozenset(_fold(w) for w in """
    no not without kein keine nicht ohne не без нет ні ne değil hayır لا مش مو بدون نه بدون
""".split())
# A subject starting a new clause: "can you write in arabic | i dont understand german".
_CLAUSE_STARTS = frozenset(_fold(w) for w in """
    i ich я мне мені ben ana انا أنا من because weil потому бо çünkü چون لان لأن لاني لانو
    لانه عشان
""".split())
_NOT_UNDERSTOOD = frozenset(_fold(w) for w in """
    understand verstehe понимаю розумію anlamıyorum anlamadım bilmiyorum بفهم مابفهم
    نمیفهمم نمی‌فهمم بلد
""".split())
_AFTER_MODAL = frozenset(_fold(w) for w in "can could may kann darf soll можно можна".split())


def _clauses(words: list[str]) -> list[list[str]]:
    """Words split where a new clause starts (a subject or "because" after another word)."""
    clauses: list[list[str]] = [[]]
    for i, word in enumerate(words):
        if word == ",":
            clauses.append([])
            continue
        previous = words[i - 1] if i else ","
        if word in _CLAUSE_STARTS and previous not in (",", *_AFTER_MODAL) and clauses[-1]:
            clauses.append([])
        clauses[-1].append(word)
    return [c for c in clauses if c]


def _with_reason(text: str) -> str | None:
    """A request followed or preceded by why ("давайте по-русски, мне так проще", "Englisch
    bitte, ich verstehe nicht", "can you write in arabic i dont understand german"). Every word
    must be a choice, request or reason word; the language asked for is the one named in a
    clause that asks, not refused; a language named where the person says they do not
    understand it is the one to leave."""
    # punctuation ends a clause; fold() would drop it, so each piece is folded alone
    words = [w for piece in re.split(r"[,.;:!?،؛؟]+", text) for w in [*_fold(piece).split(), ","]]
    if not words or len([w for w in words if w != ","]) > 16:
        return None
    asked: set[str] = set()
    asking = False
    for clause in _clauses(words):
        hits = scan_names(" ".join(clause))
        named = {i for start, count, _ in hits for i in range(start, start + count)}
        allowed = (CHOICE_WORDS | _REQUEST_WORDS | _REQUEST_VERBS | _REASON_WORDS | _REFUSING
                   | _ASKED | _IMPERATIVES | _ACKNOWLEDGING)
        if any(i not in named and w not in allowed for i, w in enumerate(clause)):
            return None
        pairs = {" ".join(clause[i:i + 2]) for i in range(len(clause) - 1)}
        asks = bool(_REQUEST_WORDS.intersection(clause) or _REQUEST_PAIRS & pairs or hits and (
            _IMPERATIVES.intersection(clause)
            or (_REQUEST_VERBS.intersection(clause) and _ASKED.intersection(clause))))
        negated = any(w in _REFUSING or w in _NOT_UNDERSTOOD for w in clause)
        previous_end = 0
        for start, count, code in hits:
            # "ما بفهم الماني", "kein Deutsch", "no English": a refusal since the last name
            refused = any(w in _REFUSING or w in _NOT_UNDERSTOOD
                          for w in clause[previous_end:start])
            previous_end = start + count
            if asks and not refused and not (negated and not _REQUEST_WORDS.intersection(clause)
                                             and not _REQUEST_PAIRS & pairs):
                asked.add("fa" if code == "prs" else code)
        asking = asking or asks
    if not asking or len(asked) != 1:
        return None
    code = asked.pop()
    return code if code in CODES else None


# Verbs that ask by themselves for what follows: switching or changing (the language), and
# imperatives of writing, speaking and going on ("смени язык на русский", "زبان رو عوض کن به
# آلمانی", "arapca yaz annem okuyacak", "عربی بنویس برای پدرم"). English and German "write" or
# "speak" also state what someone does ("I speak English"): those count only first in the
# message or after "please"/"bitte".
_SWITCH_VERBS = frozenset(_fold(w) for w in """
    switch wechsel wechsle umstellen umschalten
    смени смените поменяй поменяйте переключи переключите перейди перейдите
    зміни змініть поміняй перемкни перемкніть перейди перейдіть
    غير غيّر حول حوّل بدل عوض
    degistir değiştir degistirin değiştirin gec geç
    yaz yazin yazın yazar konuş konus konuşun konusun
    напиши напишите пиши пишите говори говорите продолжай продолжайте давай давайте
    напиши напишіть пиши пишіть говори говоріть продовжуй продовжуйте
    اكتب اكتبلي اكتبي احكيلي كلمني كمل كملي بنویس بنويس بنویسید بگو حولها حوليها غيرها
    بدلها نكمل منكمل كملها ادامه devam продолжим продолжите продовжимо продовжте weiter
    weitermachen
    ikteb ekteb iktebli ktebli ehki i7ki 7ki tehki t7ki kamel benevis benevisid pyshy pyshit
    napyshy napyshit pishi napishi
""".split())
_LEADING_ONLY_VERBS = frozenset(_fold(w) for w in """
    write speak talk answer reply continue change schreib schreibe sprich antworte
    schreiben sprechen reden написать писать говорить написати писати говорити
    بنویسی بنویسین بنویسيد benevisi benevisin yazabilir yazabilirmisin konusabilir
""".split())
# Words that make such a verb a request when one of the three words before it ("can you write
# in Arabic", "kannst du Türkisch schreiben", "можешь на английском написать", "میتونی بنویسی")
_POLITE = frozenset(_fold(w) for w in """
    please pls plz bitte can could you du kannst können konnen könnten koennen
    можешь можете можно можна могли
    میتونی میتونین میشه می‌تونی mitoni mishe
""".split())
# "можна на русском?", "mishe farsi?", "ممكن عربي؟": a short clause of a modal and a language
_MODALS = frozenset(_fold(w) for w in """
    can could kannst können konnen можно можна можешь можете ممكن ممکن mmkn mumkin momken
    میشه mishe میتونی mitoni mümkün mumkun olur
""".split())
_MAX_MODAL_CLAUSE = 3
# Words that say "it all" and do not count towards that length: "можна все це німецькою?"
_IT_ALL = frozenset(_fold(w) for w in """
    all this it everything das alles es все це это всё кол هاد هذا هيك همه این اینو bunu hepsini
""".split())
# Longer messages carry content around the verb; a request with a verb is said in a few words.
MAX_VERB_REQUEST_WORDS = 10


_IN = frozenset(_fold(w) for w in "in auf на по به ba be".split())


def _asked_politely(before: list[str]) -> bool:
    """Whether the words before a verb ask it of the assistant: a polite word or modal, with at
    most a language name and "in" between ("kannst du Türkisch schreiben", "можешь на
    английском написать"); "can my caseworker talk …" asks someone else."""
    for word in reversed(before[-3:]):
        if word in _POLITE:
            return True
        if word not in _IN and not scan_names(word):
            return False
    return False


def _clause_asks(clause: list[str]) -> bool:
    """A short clause with a verb that asks by itself, a leading or politely asked verb
    ("kannst du Türkisch schreiben"), or only a modal and a language ("mishe farsi?")."""
    if len(clause) > MAX_VERB_REQUEST_WORDS:
        return False
    return any(w in _SWITCH_VERBS for w in clause) or any(
        w in _LEADING_ONLY_VERBS and (i == 0 or _asked_politely(clause[:i]))
        for i, w in enumerate(clause)) or (
        len([w for w in clause if w not in _IT_ALL]) <= _MAX_MODAL_CLAUSE
        and bool(_MODALS.intersection(clause))
        and bool(scan_names(" ".join(clause))))


def _verb_request(text: str) -> str | None:
    """The language a message asks for with a verb that asks by itself, in a short clause a
    reason may follow ("اكتب بالالماني لو سمحت، ابني رح يعبي معي"); None without one, with a
    content word (learning, a course, translating), or without one clear target."""
    words = _fold(text).split()
    if not words or len(words) > language_request_meaning.MAX_WORDS \
            or language_request_meaning.names_for_content(text):
        return None
    # split before folding: folding takes the punctuation away
    clauses = [folded for c in re.split(r"[,.;:!?،؛؟]+", text) if (folded := _fold(c).split())]
    return language_request_meaning.target(text) if any(map(_clause_asks, clauses)) else None


# A request to change the language without naming one says both: "Sprache ändern", "другой
# язык", "زبان رو عوض کن". A short message the classifier takes for one without them (a
# correction at the summary naming a language it does not know) is content.
_LANGUAGE_STEMS = tuple(_fold(w) for w in """
    language sprach لغ اللغ زبان язык языка мов dil
""".split())
_CHANGE_STEMS = tuple(_fold(w) for w in """
    change switch other another different wechsel änder aender ander umstell
    عوض غير تغي بدل حول ثاني تان تبدیل تغییر دیگ
    друг смен помен перекл змін інш перемк
    degis değiş baska başka farkli farklı
""".split())


def asks_to_change_language(text: str) -> bool:
    """Words of changing and of language, together ("Sprache ändern", "другой язык"): a request
    for another language that names none."""
    words = _fold(text).split()
    # "اللغة", "بالعربي": Arabic glues the article and prepositions on
    stripped = [w.removeprefix("ال").removeprefix("بال").removeprefix("و") for w in words]
    return any(w.startswith(_LANGUAGE_STEMS) for w in words + stripped) \
        and any(w.startswith(_CHANGE_STEMS) for w in words + stripped)


def requested_language(text: str, by_meaning: bool = True,
                       threshold: float = language_request_meaning.THRESHOLD) -> str | None:
    """The interface language a message explicitly asks for: a language choice with a word that
    asks ("german please", "türkçe konuşalım"), also with a reason ("давайте по-русски, мне так
    проще", "Türkçe yazar mısınız", "can you write in arabic i dont understand german"), then
    what the rules do not know, read by meaning (at `threshold`) unless `by_meaning` is False (at
    the languages questions, where answers name languages by design). A bare name ("Arabisch"),
    "I speak English" or a language inside content ("Russian teacher", "I need a translator for
    Arabic") is None."""
    code = only_language_choice(text)
    if code is not None:
        words = _fold(text).split()
        pairs = {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}
        if _REQUEST_WORDS.intersection(words) or _REQUEST_PAIRS & pairs:
            return code
    code = _with_reason(text) or _verb_request(text)
    if code is None and by_meaning:
        code = language_request_meaning.requested(text, threshold)
    return code
