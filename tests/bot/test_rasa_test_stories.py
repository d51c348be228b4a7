"""`rasa test core` on the conversation paths in bot/tests/ with the shared test model."""

import subprocess
import sys
from pathlib import Path

from lotse.settings import PROJECT_ROOT
from lotse.training import rasa_env


def test_rasa_test_stories_pass(trained_model: Path, tmp_path: Path):
    rasa = Path(sys.executable).with_name("rasa")
    result = subprocess.run(
        [str(rasa), "test", "core", "--model", str(trained_model),
         "--stories", "bot/tests/test_stories.yml", "--out", str(tmp_path)],
        cwd=PROJECT_ROOT, env={**rasa_env(), "PYTHONPATH": str(PROJECT_ROOT)},
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    failed = (tmp_path / "failed_test_stories.yml").read_text(encoding="utf-8")
    assert "None of the test stories failed" in failed, failed
    assert (tmp_path / "story_report.json").is_file()
