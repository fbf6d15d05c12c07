"""Recognized initiatives that look like a draft: so an agency adopts one instead of re-filing
it, and reviewers catch duplicates (issue 5).

Both sides are compared folded (DESIGN.md §8): a title typed without diacritics finds the
recognized one written with them. PostgreSQL scores with pg_trgm; SQLite, which has no
trigrams, counts shared words in Python over a bounded set of candidates.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest

from common.text import fold

from .models import PUBLIC_STATES, Initiative, Level

# Folded Vietnamese syllables are short and common, so unrelated texts share many trigrams:
# measured on real-looking titles, unrelated pairs score 0.15–0.37 and genuine matches
# 0.5–1.0. Below this a "similar" panel would be noise.
TRIGRAM_THRESHOLD = 0.45

# Function words that say nothing about what an initiative does (folded forms).
_STOP_WORDS = """
    va cua cac cho tai trong the nhung la co duoc voi mot nhu de khi nay do o ve theo tren den
    vao ra bi da se dang thi ma hoac nen boi vi neu cung rat nhieu it sau truoc giua qua tu nham
    viec nguoi
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
CANDIDATE_WORDS = 5  # SQLite: candidates contain at least one of the query's longest words
MAX_CANDIDATES = 500  # and are at most this many, most recent decisions first
MIN_TITLE_SHARE = 0.6  # SQLite: share of the title's words the candidate must contain
MIN_DICE = 0.45  # SQLite: or the overlap of the whole texts' words
MAX_QUERY_CHARS = 3000  # a long description adds cost, not precision


@dataclass(frozen=True)
class Query:
    title: str  # folded
    full: str  # folded title + description


def similar_recognized(text_or_initiative, *, exclude_pk=None, limit=5) -> list[Initiative]:
    """Recognized (public) initiatives most like a text or a dossier, best first.

    Each result carries `similarity` (0–1). Only what the public registry shows is loaded:
    never confidential_info.
    """
    query = _query_of(text_or_initiative)
    if isinstance(text_or_initiative, Initiative) and exclude_pk is None:
        exclude_pk = text_or_initiative.pk
    if not keywords(query.full):
        return []
    # The province's recognized initiatives (an agency's cơ sở ones are not published).
    candidates = Initiative.objects.filter(status__in=PUBLIC_STATES, level=Level.PROVINCIAL)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    if connection.vendor == "postgresql":
        return _by_trigram(candidates, query, limit)
    return _by_shared_words(candidates, query, limit)


def _query_of(value) -> Query:
    if isinstance(value, Initiative):
        title = fold(value.title)
        full = fold(f"{value.title} {value.description or ''}"[:MAX_QUERY_CHARS])
        return Query(title=title, full=full)
    text = fold((value or "")[:MAX_QUERY_CHARS])
    return Query(title=text, full=text)


def keywords(folded: str) -> set[str]:
    return {word for word in _words(folded) if len(word) > 1 and word not in STOP_WORDS}


def _words(folded: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in folded).split()


def _public_fields(queryset):
    return queryset.select_related("agency", "field").defer("confidential_info", "search_text")


# --- PostgreSQL: trigram similarity (pg_trgm, migrations 0003 and 0015) ---------------------

# Scoring every public dossier costs seconds at a province's size (word_similarity is dear):
# only the dossiers nearest to the query by trigram distance — found through the partial GiST
# index of migration 0015, nearest first — are scored. Nearest to the whole text is exact for
# that half of the score; nearest to the title stands in for word_similarity, which no index
# orders by cheaply.
NEAREST = 100  # each way; measured at 100k: the same best match, +7 ms over 40


def _by_trigram(candidates, query: Query, limit: int) -> list[Initiative]:
    from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity

    nearest = _nearest(candidates, query.full, limit)
    if query.title != query.full:
        nearest = nearest.union(_nearest(candidates, query.title, limit))
    pks = list(nearest)
    if not pks:
        return []
    # A short title inside a long description: word_similarity. Two whole dossiers alike
    # (a duplicate with a reworded title): similarity of everything.
    score = Greatest(
        TrigramWordSimilarity(Value(query.title), "search_text"),
        TrigramSimilarity("search_text", Value(query.full)),
    )
    ranked = (
        _public_fields(candidates.filter(pk__in=pks))
        .annotate(similarity=score)
        .filter(similarity__gte=TRIGRAM_THRESHOLD)
        .order_by("-similarity", F("decision_date").desc(nulls_last=True), "-id")
    )
    return list(ranked[:limit])


def _nearest(candidates, text: str, limit: int):
    from django.contrib.postgres.search import TrigramDistance

    return (
        candidates.annotate(distance=TrigramDistance("search_text", Value(text)))
        .order_by("distance")
        .values_list("pk", flat=True)[: max(NEAREST, limit)]
    )


# --- SQLite: shared words --------------------------------------------------------------------


def _by_shared_words(candidates, query: Query, limit: int) -> list[Initiative]:
    title_words = keywords(query.title) or keywords(query.full)
    full_words = keywords(query.full)
    pool = _containing_any(candidates, _longest(title_words) | _longest(full_words))
    scores = {}
    for pk, text in pool:
        score = _word_score(title_words, full_words, keywords(text))
        if score is not None:
            scores[pk] = score
    best = sorted(scores, key=lambda pk: (-scores[pk], -pk))[:limit]
    found = _public_fields(Initiative.objects.filter(pk__in=best)).in_bulk()
    results = []
    for pk in best:
        found[pk].similarity = scores[pk]
        results.append(found[pk])
    return results


def _longest(words: set) -> set:
    return set(sorted(words, key=lambda word: (-len(word), word))[:CANDIDATE_WORDS])


def _containing_any(candidates, words):
    condition = Q()
    for word in words:
        condition |= Q(search_text__contains=word)
    ordered = candidates.filter(condition).order_by(F("decision_date").desc(nulls_last=True), "-id")
    return ordered.values_list("pk", "search_text")[:MAX_CANDIDATES]


def _word_score(title_words: set, full_words: set, text_words: set) -> float | None:
    """The share of the title's words found in the candidate, or the Dice overlap of whole
    texts, whichever is higher; None below the bar."""
    shared_title = len(title_words & text_words)
    title_share = shared_title / len(title_words)
    dice = 2 * len(full_words & text_words) / (len(full_words) + len(text_words) or 1)
    enough_words = shared_title >= min(2, len(title_words))
    if enough_words and title_share >= MIN_TITLE_SHARE:
        return max(title_share, dice)
    return dice if dice >= MIN_DICE else None
