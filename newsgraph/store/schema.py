"""The store's tables, as SQLAlchemy Core metadata (documented column by column in docs/store.md).

Each fact table keeps the columns worth querying plus ``data``, the fact's complete JSON (schema v1),
so that an analysis read back from the store equals the one written, even for fields added to the
schema later. Offsets are ``start_char``/``end_char`` (``end`` is an SQL keyword).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def _article_ref() -> Column:
    return Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)


def _span_columns() -> list[Column]:
    """The evidence every fact row carries: where it is, what it says, in which sentence."""
    return [
        Column("idx", Integer, nullable=False),  # position in the analysis' list
        Column("start_char", Integer, nullable=False),
        Column("end_char", Integer, nullable=False),
        Column("text", Text, nullable=False),
        Column("sentence", Integer),
    ]


migrations_table = Table(
    "newsgraph_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String, nullable=False),
    Column("applied_at", String, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),  # stable integer key (FTS rowid)
    Column("id", String, nullable=False, unique=True),
    Column("url", Text, index=True),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("source", Text, index=True),
    Column("language", String(8)),
    Column("author", Text),
    Column("text", Text, nullable=False),
    Column("text_hash", String(40), nullable=False),
    Column("origin", Text),
    Column("duplicate_of", String, index=True),
    Column("similarity", Float),
    Column("sentences", Text),  # JSON list of [start, end]
    Column("extra", Text),  # JSON object of fields outside schema v1's known ones
    Column("minhash", LargeBinary),
    Column("schema_version", Integer),
    Column("ingested_at", String, nullable=False),
    Column("tone", Float, index=True),  # analysis.tone.tone (migration 4); NULL when not measured
)
# One original per normalized text; exact copies are stored as rows linked to it (duplicate_of set).
Index(
    "ux_articles_original_text",
    articles.c.text_hash,
    unique=True,
    sqlite_where=articles.c.duplicate_of.is_(None),
    postgresql_where=articles.c.duplicate_of.is_(None),
)

entities = Table(
    "entities",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    _article_ref(),
    Column("entity_id", String, nullable=False),
    Column("idx", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False),  # casefolded name: groups one entity across articles
    Column("type", String(16), nullable=False),
    Column("country", String(3)),
    Column("role", Text),
    Column("mention_count", Integer, nullable=False),
    Column("data", Text, nullable=False),  # the entity's JSON without its mentions
    UniqueConstraint("article_id", "entity_id"),
    Index("ix_entities_type_key", "type", "key"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    _article_ref(),
    Column("entity_id", String, nullable=False),
    *_span_columns(),
    Column("kind", String(16)),
    Column("extra", Text),
    Index("ix_mentions_article_entity", "article_id", "entity_id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    _article_ref(),
    *_span_columns(),
    Column("direct", Boolean),
    Column("partial", Boolean),
    Column("speaker_entity", String),
    Column("speaker_name", Text, index=True),
    Column("cue", Text),
    Column("medium", Text),
    Column("data", Text, nullable=False),
    Index("ix_quotes_article", "article_id"),
)

events = Table(
    "events",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    _article_ref(),
    *_span_columns(),
    Column("code", String(8), index=True),
    Column("root", String(4)),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("plover", Text),
    Column("name", Text),
    Column("trigger", Text),
    Column("source_entity", String),
    Column("source_code", Text),
    Column("source_name", Text),
    Column("target_entity", String),
    Column("target_code", Text),
    Column("target_name", Text),
    Column("date", String),
    Column("place", Text),
    Column("negated", Boolean),
    Column("modality", Text),
    Column("data", Text, nullable=False),
    Index("ix_events_article", "article_id"),
)

dates = Table(
    "dates",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    _article_ref(),
    *_span_columns(),
    Column("type", String(16)),
    Column("value", String, index=True),
    Column("anchor", String(16)),
    Column("data", Text, nullable=False),
    Index("ix_dates_article", "article_id"),
)

quantities = Table(
    "quantities",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    _article_ref(),
    *_span_columns(),
    Column("value", Float),  # the number, or the low end of a range
    Column("value_high", Float),  # the high end of a range, else NULL
    Column("unit", Text),
    Column("approximate", Boolean),
    Column("bound", String(8)),
    Column("change", String(8)),
    Column("currency", String(3)),
    Column("object", Text),
    Column("data", Text, nullable=False),
    Index("ix_quantities_article", "article_id"),
)

places = Table(
    "places",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    _article_ref(),
    *_span_columns(),
    Column("name", Text, index=True),
    Column("geonameid", BigInteger),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(2)),
    Column("country3", String(3)),
    Column("admin1", Text),
    Column("feature", Text),
    Column("population", BigInteger),  # a continent's exceeds 32 bits
    Column("metonymy", Boolean),
    Column("modifier", Boolean),
    Column("entity", String),
    Column("data", Text, nullable=False),
    Index("ix_places_article", "article_id"),
    Index("ix_places_point", "geonameid", "lat", "lon", "article_id"),  # migration 12: the map's points
    Index("ix_places_country3", "country3", "article_id"),  # migration 12: the countries facet
)

# One row per theme found in an article (migration 4): what `newsgraph articles --theme` filters on.
article_themes = Table(
    "article_themes",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    _article_ref(),
    Column("theme", String(64), nullable=False),
    Column("score", Float, nullable=False),
    Column("start_char", Integer),  # the first evidence span
    Column("end_char", Integer),
    Column("evidence_count", Integer, nullable=False),
    UniqueConstraint("article_id", "theme"),
    Index("ix_article_themes_theme_score", "theme", "score"),
)

failures = Table(
    "failures",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    Column("key", String(40), nullable=False, unique=True),  # sha1 of origin + item: one row per failing item
    Column("origin", Text, nullable=False),  # file, file:line, archive#record or URL
    Column("item", Text, nullable=False),  # the article id where known, else ""
    Column("stage", String(16), nullable=False),  # read | analyse | store
    Column("code", String(32), nullable=False),
    Column("message", Text, nullable=False),
    Column("created_at", String, nullable=False),
)

# -- cross-article identity (migration 3): derived from the entities table by newsgraph.identity,
# rebuilt after ingest and by `newsgraph identity rebuild`; identity_overrides holds users' corrections.

corpus_entities = Table(
    "corpus_entities",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("country", String(3)),
    Column("role", Text),
    Column("articles", Integer, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("aliases", Text, nullable=False),  # JSON {name: mentions}
    Column("example_article", String),
    Column("example_start", Integer),
    Column("example_end", Integer),
    Column("actor_code", String(16)),  # the CAMEO code it keeps in every event (identity.actors)
    Index("ix_corpus_entities_mentions", "mentions"),
    Index("ix_corpus_entities_type", "type", "mentions"),
)

corpus_members = Table(
    "corpus_members",
    metadata,
    Column("article_id", String, primary_key=True),
    Column("entity_id", String, primary_key=True),
    Column("corpus_id", String, nullable=False),
    # Copies of the member's article date, mention count and role: an entity's profile reads them
    # from the index below without visiting thousands of article and entity rows.
    Column("published", String(10)),
    Column("mentions", Integer, nullable=False),
    Column("role", Text),
    Index("ix_corpus_members_corpus", "corpus_id", "published", "article_id", "entity_id", "mentions"),
    Index("ix_corpus_members_article", "article_id", "corpus_id"),
)

corpus_names = Table(
    "corpus_names",
    metadata,
    Column("key", Text, primary_key=True),
    Column("corpus_id", String, primary_key=True),
    Column("mentions", Integer, nullable=False),
)

identity_overrides = Table(
    "identity_overrides",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    Column("op", String(8), nullable=False),  # merge | split
    Column("members", Text, nullable=False),  # JSON list of [article_id, entity_id]
    Column("label", Text),
    Column("created_at", String, nullable=False),
)


# -- indexes for the filters the queries use (migration 3)
Index("ix_events_root_date", events.c.root, events.c.date)
Index("ix_events_date", events.c.date)
Index("ix_events_source_code", events.c.source_code)
Index("ix_events_target_code", events.c.target_code)
Index("ix_events_source_entity", events.c.article_id, events.c.source_entity)
Index("ix_events_target_entity", events.c.article_id, events.c.target_entity)
Index("ix_quotes_speaker", quotes.c.article_id, quotes.c.speaker_entity)
Index("ix_mentions_entity", mentions.c.entity_id)

IDENTITY_TABLES = (corpus_entities, corpus_members, corpus_names)  # derived: emptied and refilled on rebuild

# -- stories (migration 5): the reports of one happening across sources, built by newsgraph.stories

stories = Table(
    "stories",
    metadata,
    Column("id", String, primary_key=True),
    Column("title", Text),  # the first report's title, else its first words
    Column("first_seen", String(10), index=True),
    Column("last_seen", String(10)),
    Column("articles", Integer, nullable=False),
    Column("sources", Integer, nullable=False),
)

story_members = Table(
    "story_members",
    metadata,
    Column("article_id", String, primary_key=True),
    Column("story_id", String, nullable=False, index=True),
    Column("reason", String(16), nullable=False),  # first | copy | same happening | user
    Column("score", Float),
    Column("detail", Text),
)

story_overrides = Table(
    "story_overrides",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    Column("op", String(8), nullable=False),  # merge | split
    Column("articles", Text, nullable=False),  # JSON list of article ids
    Column("story_id", String),  # merge: the story they join
    Column("created_at", String, nullable=False),
)

FACT_TABLES = {
    "quotes": quotes,
    "events": events,
    "dates": dates,
    "quantities": quantities,
    "places": places,
}
