"""`newsledger ingest`: read sources, analyze the articles, store their ledgers."""
from .run import BatchResult, Failure, IngestResult, analyze_batch, ingest, model_label
from .sources import INGESTED_SUFFIXES, articles_from, expand, expected_count

__all__ = ["ingest", "analyze_batch", "model_label", "IngestResult", "BatchResult", "Failure",
           "articles_from", "expand", "expected_count", "INGESTED_SUFFIXES"]
