"""Every user error ends in one line on stderr that names the input, a non-zero exit, no traceback."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import main

CLI = Path(sys.executable).with_name("newsledger")
GOOD = "Militia fighters burned two villages near Bunia on Sunday, residents said.\n"


def invoke(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def assert_one_line_error(result, *fragments, code=1):
    assert result.exit_code == code
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsledger: error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert result.exception is None or isinstance(result.exception, SystemExit)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("name, data, problem", [
    ("notes.pdf", b"%PDF-1.7\n%\xb5\xb5\xb5\xb5\n" + bytes(range(256)) * 8, "binary input, not text"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 10, "binary input, not text"),
    ("empty.txt", b"", "empty input"),
    ("blank.txt", b" \n\r\n\t \n", "empty input"),
    ("bom-only.txt", b"\xef\xbb\xbf", "empty input"),
    ("page.html", b"<html><body><script>var x = 1;</script></body></html>", "no article text found"),
])
def test_bad_input_files(tmp_path, name, data, problem):
    path = write(tmp_path, name, data)
    assert_one_line_error(invoke("analyze", path), str(path), problem)


def test_jsonl_without_a_good_line(tmp_path):
    path = write(tmp_path, "broken.jsonl", b"{\"text\": \n")
    result = invoke("analyze", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"newsledger: warning: {path}:1: malformed JSON (Expecting value at column 9) (line skipped)",
        f"newsledger: error: {path}: no articles in the input (1 bad line(s) skipped)",
    ]


def test_missing_file_and_directory(tmp_path):
    assert_one_line_error(invoke("analyze", tmp_path / "nope.txt"), "nope.txt: no such file")
    assert_one_line_error(invoke("analyze", tmp_path), "is a directory")


def test_empty_stdin():
    assert_one_line_error(invoke("analyze", "-", input=b""), "<stdin>: empty input")


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "03/12/2024"])
def test_invalid_published(tmp_path, value):
    path = write(tmp_path, "a.txt", GOOD)
    assert_one_line_error(invoke("analyze", path, "--published", value), "--published", repr(value))


def test_input_over_the_size_limit(tmp_path):
    path = write(tmp_path, "long.txt", GOOD * 10)
    assert_one_line_error(invoke("analyze", path, "--max-bytes", 100), "long.txt", "100-byte limit")


def test_unknown_model(tmp_path):
    path = write(tmp_path, "a.txt", GOOD)
    out = tmp_path / "out.json"
    result = invoke("analyze", path, "--model", "no_such_model_xyz", "-o", out)
    assert_one_line_error(result, "'no_such_model_xyz' is not installed")
    assert not out.exists()  # nothing half-written


@pytest.mark.parametrize("content, problem", [
    ("model = ", "invalid TOML"),
    ("modle = 'x'\n", "unknown key 'modle'"),
    ("max_bytes = -5\n", "'max_bytes' must be a positive integer"),
    ("model = 3\n", "'model' must be a non-empty string"),
])
def test_bad_config_file(tmp_path, content, problem):
    config = write(tmp_path, "settings.toml", content)
    path = write(tmp_path, "a.txt", GOOD)
    assert_one_line_error(invoke("analyze", path, "--config", config), "settings.toml", problem)


def test_missing_config_file(tmp_path):
    path = write(tmp_path, "a.txt", GOOD)
    assert_one_line_error(invoke("analyze", path, "--config", tmp_path / "gone.toml"),
                          "gone.toml: cannot read config file")


def test_html_output_needs_a_single_article(tmp_path):
    path = write(tmp_path, "b.jsonl", json.dumps({"text": GOOD}) + "\n")
    assert_one_line_error(invoke("analyze", path, "--format", "html"), "b.jsonl", "JSONL batch")


def test_usage_errors_are_one_line_too():
    assert_one_line_error(invoke("analyze"), "Missing argument", code=2)
    assert_one_line_error(invoke("analyze", "x.txt", "--format", "pdf"), "--format", code=2)


def test_bad_jsonl_lines_are_reported_and_the_good_ones_written(tmp_path, nlp):
    path = write(tmp_path, "mixed.jsonl", "\n".join([
        json.dumps({"text": GOOD, "title": "first"}),
        "{oops",
        json.dumps({"text": "Two soldiers died in an ambush.", "published": "not a date"}),
        json.dumps({"text": "Aid convoys reached the city.", "title": "last"}),
    ]) + "\n")
    result = invoke("analyze", path)
    assert result.exit_code == 1
    assert [json.loads(l)["article"]["title"] for l in result.stdout.splitlines()] == ["first", "last"]
    warnings, error = result.stderr.splitlines()[:-1], result.stderr.splitlines()[-1]
    assert [w.split(": ")[2] for w in warnings] == [f"{path}:2", f"{path}:3"]
    assert all(w.startswith("newsledger: warning: ") for w in warnings)
    assert error == f"newsledger: error: {path}: 2 article(s) skipped; the other articles were written"


def test_installed_command_prints_no_traceback(tmp_path):
    path = write(tmp_path, "notes.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4)
    done = subprocess.run([str(CLI), "analyze", str(path)], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert done.returncode == 1
    assert done.stderr == f"newsledger: error: {path}: binary input, not text\n"


def test_unwritable_output(tmp_path, nlp):
    path = write(tmp_path, "a.txt", GOOD)
    target = tmp_path / "no" / "such" / "dir" / "out.json"
    assert_one_line_error(invoke("analyze", path, "-o", target), str(target), "cannot write")
