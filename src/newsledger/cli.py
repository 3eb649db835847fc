"""The `newsledger` command: a thin shell over the library."""
from __future__ import annotations

import sys
from datetime import date

import click

from .pipeline import analyze


@click.group()
def main() -> None:
    """Turn conflict reporting into a ledger of events and claims."""


@main.command("analyze")
@click.argument("path")
@click.option("--published", help="publication date (YYYY-MM-DD) that anchors relative dates")
@click.option("--model", help="spaCy model name")
def analyze_command(path: str, published: str | None, model: str | None) -> None:
    text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    ledger = analyze(text, published=date.fromisoformat(published) if published else None, model=model)
    click.echo(ledger.to_json())
