"""`lotse detect-language` through a real subprocess: JSON lines in, whatever the input."""

import json
import subprocess
import sys
from pathlib import Path

LOTSE = str(Path(sys.executable).with_name("lotse"))


def run(*args: str, stdin: bytes) -> subprocess.CompletedProcess:
    return subprocess.run([LOTSE, "detect-language", *args], input=stdin, capture_output=True,
                          timeout=120)


def lines(done: subprocess.CompletedProcess) -> list[dict]:
    assert done.returncode == 0, done.stderr.decode()
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


def test_one_json_object_per_line():
    text = "Ich suche eine Wohnung in Leipzig.\n\nМені потрібна допомога з документами\n12.03.1990\nok\n"
    out = lines(run(stdin=text.encode()))
    assert [o["text"] for o in out] == text.split("\n")[:-1]
    assert [o["lang"] for o in out] == ["de", None, "uk", None, None]
    assert all({"text", "lang", "confidence", "supported", "script"} <= set(o) for o in out)
    assert out[0]["confidence"] > 0.8 and out[1]["confidence"] == 0.0


def test_chosen_and_hint_tilt_a_close_call():
    assert lines(run(stdin="я знаю\n".encode()))[0]["lang"] == "ru"
    assert lines(run("--chosen", "uk", stdin="я знаю\n".encode()))[0]["lang"] == "uk"
    assert lines(run("--hint", "uk-UA", stdin="я знаю\n".encode()))[0]["lang"] == "uk"


def test_binary_invalid_utf8_and_huge_input_never_crash():
    huge = ("Ich suche eine Arbeit als Tischler. " * 4000).encode()  # 140 kB on one line
    noise = bytes(range(256)) * 8
    stdin = b"\xff\xfe\xfa invalid \xc3\x28\n" + noise.replace(b"\n", b" ") + b"\n" + huge + b"\n"
    done = run(stdin=stdin)
    out = lines(done)
    assert len(out) == 3 and done.stderr == b""
    assert "\ufffd" in out[0]["text"]
    assert out[2]["lang"] == "de"


def test_last_line_without_newline_and_crlf():
    out = lines(run(stdin="I am looking for a job as a driver.\r\nBenim adım Ayşe"
                    .encode()))
    assert [o["lang"] for o in out] == ["en", "tr"]
    assert out[0]["text"] == "I am looking for a job as a driver."
