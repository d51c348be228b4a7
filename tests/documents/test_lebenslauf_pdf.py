import copy
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from documents.fonts import FontsMissingError, find_fonts
from documents.lebenslauf_pdf import FOOTER, direction_of, render
from tests.documents.conftest import CV_PROFILES, hostile_snapshot, load_profile

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdftoppm"),
                                reason="poppler-utils (pdftotext, pdftoppm) not installed")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HEADINGS = ("Lebenslauf", "Persönliche Daten", "Berufserfahrung", "Schulbildung", "Sprachkenntnisse")


def write(tmp_path: Path, data: bytes, name: str = "cv") -> Path:
    assert data.startswith(b"%PDF-")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return path


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    # pdftotext wraps right-to-left runs in embedding marks; the letters are in logical order
    return BIDI_CONTROLS.sub("", out)


def info_of(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout


def pages_of(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", info_of(pdf)).group(1))


def words_of(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """(word as drawn, xMin, yMin, xMax, yMax) on page 1, in PDF points."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                       out)
    return [(html.unescape(w), float(a), float(b), float(c), float(d)) for a, b, c, d, w in found]


@pytest.fixture(scope="module")
def syrian(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cv")
    snapshot = load_profile("cv_syrian")
    return write(tmp, render(snapshot), "full"), write(tmp, render(snapshot, anonymised=True), "anon")


def test_full_cv_has_german_headings_names_and_occupations(syrian):
    full, _ = syrian
    text = text_of(full)
    for heading in HEADINGS:
        assert heading in text
    assert FOOTER in text and "Erstellt am " in text
    # pdftotext gives the Arabic letters in logical order, words in reading order
    assert "محمد أحمد الخطيب" in text
    assert "Mhmd Ahmd Al-Khtyb" in text
    assert "23.04.1990" in text and "Syrien" in text and "+4915112345678" in text
    assert "Tischler/in" in text and "KldB 2010: 22342" in text and "ISCO-08: 7522" in text
    assert "maschinell übersetzt" in text
    assert "عملت نجارا في ورشة أثاث لمدة خمس سنوات" in text
    assert "Allgemeine Hochschulreife (Abitur)" in text and "Zeugnisanerkennungsstelle" in text
    assert "Arabisch" in text and "Muttersprache" in text
    assert "maßgeblich ist die Schreibweise im Pass" in text
    assert "Lebenslauf – Mhmd Ahmd Al-Khtyb" in info_of(full)


def test_arabic_is_shaped_right_to_left_inside_a_left_to_right_line(syrian):
    full, _ = syrian
    words = words_of(full)
    # -bbox lists glyphs left to right as drawn: right-to-left words come out reversed
    x = {word[::-1]: x_min for word, x_min, *_ in words if re.search("[\u0600-\u06ff]", word)}
    latin = next(x_min for word, x_min, *_ in words if word == "(Mhmd")
    assert x["الخطيب"] < x["أحمد"] < x["محمد"] < latin
    assert "NotoNaskhArabic" in subprocess.run(["pdffonts", str(full)], capture_output=True,
                                               text=True, check=True).stdout


def test_page_image_shows_the_arabic_name(syrian, tmp_path):
    full, _ = syrian
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(full), str(tmp_path / "p")],
                   check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    assert image.getextrema()[0] < 80  # not blank
    scale = 50 / 72
    boxes = [w for w in words_of(full) if re.search("[\u0600-\u06ff]", w[0]) and w[2] < 150]
    x0, y0 = min(b[1] for b in boxes) * scale, min(b[2] for b in boxes) * scale
    x1, y1 = max(b[3] for b in boxes) * scale, max(b[4] for b in boxes) * scale
    assert x0 > image.width * 0.3  # in the right-hand column
    region = image.crop((int(x0), int(y0), int(x1) + 1, int(y1) + 1))
    margin = image.crop((0, int(y0), int(x1 - x0) // 3, int(y1) + 1))  # white page margin
    assert sum(region.histogram()[:200]) >= 40  # ink of the shaped Arabic glyphs
    assert sum(margin.histogram()[:200]) == 0


def test_anonymised_cv_has_no_personal_data(syrian):
    _, anon = syrian
    text = text_of(anon)
    assert "Lebenslauf (anonymisiert)" in text and re.search(r"LT-[0-9A-F]{4}-[0-9A-F]{4}", text)
    for secret in ("محمد", "الخطيب", "Mhmd", "Khtyb", "23.04.1990", "1990", "Syrien", "Türkei",
                   "Halle", "+4915112345678", "Persönliche Daten", "Herkunftsland", "عملت"):
        assert secret not in text, secret
    assert "im Ausland" in text and "Tischler/in" in text and "Arabisch" in text
    info = info_of(anon)
    assert "Mhmd" not in info and "Author" not in info
    assert "Lebenslauf (anonymisiert)" in info


@pytest.mark.parametrize("name", CV_PROFILES)
def test_every_profile_renders_both_variants(name, tmp_path):
    for anonymised in (False, True):
        pdf = write(tmp_path, render(load_profile(name), anonymised=anonymised), f"{name}{anonymised}")
        text = text_of(pdf)
        assert "Lebenslauf" in text and "None" not in text and "skipped" not in text
        assert pages_of(pdf) == 1


def test_ukrainian_name_in_cyrillic_and_latin(tmp_path):
    text = text_of(write(tmp_path, render(load_profile("cv_ukrainian"))))
    assert "Олександра" in text and "Oleksandra" in text and "Ausbildung und Studium" in text
    assert "Buchhalter/in" in text and "Бухгалтерський облік і аудит" in text


def test_long_cv_continues_on_more_pages(tmp_path):
    snapshot = copy.deepcopy(load_profile("cv_syrian"))
    jobs = [r for r in snapshot["fields"] if r["field"].startswith("job_") and r["item_index"] == 0]
    for index in range(1, 15):
        for row in copy.deepcopy(jobs):
            row["item_index"] = index
            if row["field"] == "job_title":
                row["original_text"] = f"وظيفة رقم {index} " + "عمل طويل " * 60
            snapshot["fields"].append(row)
    pdf = write(tmp_path, render(snapshot))
    text = text_of(pdf)
    assert pages_of(pdf) >= 3
    assert "Seite 2/" in text and text.count(FOOTER) == pages_of(pdf)
    assert "Sprachkenntnisse" in text


def test_hostile_snapshot_renders(tmp_path):
    for anonymised in (False, True):
        text = text_of(write(tmp_path, render(hostile_snapshot(), anonymised=anonymised)))
        assert "Lebenslauf" in text
        assert "<script>" not in text and "__skipped__" not in text and "None" not in text
    for broken in ({}, {"fields": None}, {"person": {"id": 5}, "fields": [None, 1, "x"]}):
        assert render(broken).startswith(b"%PDF-")


def test_missing_fonts_raise_a_clear_error(tmp_path):
    with pytest.raises(FontsMissingError, match="fonts-noto-core"):
        find_fonts((tmp_path,))


def test_dejavu_alone_is_enough(tmp_path):
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not (dejavu / "DejaVuSans.ttf").exists():
        pytest.skip("fonts-dejavu-core not installed")
    fonts = find_fonts((dejavu,))
    assert fonts.main.regular.name == "DejaVuSans.ttf"
    text = text_of(write(tmp_path, render(load_profile("cv_syrian"), fonts=fonts)))
    assert "محمد أحمد الخطيب" in text and "Mhmd Ahmd Al-Khtyb" in text


def test_font_dir_from_the_environment_is_searched_first(tmp_path, monkeypatch):
    noto = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
    if not noto.exists():
        pytest.skip("fonts-noto-core not installed")
    (tmp_path / "NotoSans-Regular.ttf").symlink_to(noto)
    monkeypatch.setenv("LOTSE_FONT_DIR", str(tmp_path))
    assert find_fonts().main.regular == tmp_path / "NotoSans-Regular.ttf"


def test_direction_of():
    assert direction_of("محمد (Mhmd)") == "rtl"
    assert direction_of("(Mhmd) محمد") == "ltr"
    assert direction_of("123") == "ltr"
