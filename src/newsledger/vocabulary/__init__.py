"""Vocabulary: the data tables newsledger reads (actor dictionary, lexicons), loaded without spaCy."""
