"""Normalize and language stages.

``normalize`` removes flattened ruby pinyin, folds compatibility characters and
builds the Simplified shadow; ``language`` decides language and script. The
cleaned ``text`` stays in its original script; the shadow sits beside it.
"""

from __future__ import annotations

from lasermap.doc import Document
from lasermap.normalize.language import detect_language
from lasermap.normalize.pinyin import strip_ruby_pinyin
from lasermap.normalize.script import detect_script, han_count, simplified_with_offsets, to_simplified
from lasermap.normalize.unicode import nfkc_safe
from lasermap.pipeline.stage import stage


@stage(
    "normalize",
    reads=("text", "title"),
    writes=("text", "title", "text_simplified", "title_simplified", "simplified_offsets", "warnings"),
)
def normalize(doc: Document) -> Document:
    """Strip pinyin artifacts, apply safe NFKC, and add a Simplified shadow for Chinese."""
    text, removed = strip_ruby_pinyin(nfkc_safe(doc.text))
    title = doc.title
    if title:
        title, _ = strip_ruby_pinyin(nfkc_safe(title))
    warnings = list(doc.warnings)
    if removed:
        warnings.append(f"removed {removed} flattened ruby pinyin groups")
    shadow, anchors, title_simp = None, [], None
    if han_count(text[:5000]) or (title and han_count(title)):
        shadow, anchors = simplified_with_offsets(text)
        title_simp = to_simplified(title) if title else None
    return doc.evolve(
        text=text,
        title=title,
        text_simplified=shadow,
        title_simplified=title_simp,
        simplified_offsets=anchors,
        warnings=warnings,
    )


@stage("language", reads=("text", "title", "text_simplified", "hints"), writes=("lang", "script"))
def language(doc: Document) -> Document:
    """Language of the cleaned text (the title decides when the body is empty)."""
    sample = doc.text if len(doc.text) >= 20 else f"{doc.title or ''}\n{doc.text}"
    lang = detect_language(sample) or doc.hints.get("lang")
    script = detect_script(sample, doc.text_simplified if sample is doc.text else None) if lang == "zh" else None
    return doc.evolve(lang=lang, script=script)
