"""Incidents across articles: one real happening, every outlet's account, every figure followed.

    from newsledger.incidents import link_new, rebuild, incidents, incident, numbers
    link_new(store)                       # after an ingest: match the new articles' accounts
    incidents(store, country="PSE")       # -> list[IncidentSummary] (limit/offset: one page)
    count_incidents(store, country="PSE") # -> how many match
    counted_incidents(store, limit=50)    # -> (one page, how many match), the matches found once
    incident(store, incident_id)          # -> IncidentDetail: summary, reports, figures
    numbers(store, incident_id, "killed") # -> list[FigureRow] in revision order
    incident_of(store)                    # -> the exporters' hook: (article id, event id) -> incident
    article_incident_of(store, ledger)    # -> the same hook for one analyzed article, None if not stored

Stages: accounts (what one article tells) -> matching (evidence and weights) -> linking (the
store's incident tables, blocked by day and country) -> summary and queries. No spaCy here.
"""
from .linking import LinkResult, link_new, rebuild
from .queries import article_incident_of, count_incidents, counted_incidents, incident, incident_of, incidents, numbers
from .summary import FigureRow, IncidentDetail, IncidentSummary, Report

__all__ = ["link_new", "rebuild", "LinkResult", "incidents", "count_incidents", "counted_incidents", "incident", "numbers", "incident_of",
           "article_incident_of", "IncidentSummary", "IncidentDetail", "Report", "FigureRow"]
