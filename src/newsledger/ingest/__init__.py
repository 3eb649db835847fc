"""`newsledger ingest`: read sources, analyze the articles, store their ledgers; and
`newsledger reanalyze`: analyze stored articles again with a newer analyzer."""
from .reanalyze import ReanalyzeResult, older_versions, reanalyze
from .run import Analyzer, BatchResult, Failure, IngestResult, analyze_batch, ingest, model_label
from .sources import INGESTED_SUFFIXES, articles_from, expand, expected_count

__all__ = ["ingest", "reanalyze", "analyze_batch", "model_label", "IngestResult", "ReanalyzeResult",
           "BatchResult", "Failure", "Analyzer", "older_versions", "articles_from", "expand",
           "expected_count", "INGESTED_SUFFIXES"]
