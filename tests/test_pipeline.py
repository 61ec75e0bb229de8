import pytest

from lasermap.doc import Document, make_doc_id
from lasermap.errors import PipelineError
from lasermap.pipeline.runner import Pipeline, default_pipeline


def test_default_pipeline_order_is_valid():
    assert default_pipeline().names[:5] == ["decode", "clean", "metadata", "normalize", "language"]


def test_misordered_pipeline_fails_before_running():
    with pytest.raises(PipelineError, match="reads"):
        Pipeline.from_names(["clean", "decode"])


def test_unknown_stage_is_named():
    with pytest.raises(PipelineError, match="nosuch"):
        Pipeline.from_names(["decode", "nosuch"])


def test_stages_do_not_mutate_their_input():
    page = "Home > News\n\nWuhan lasers grow\n\nWuhan's optics valley reported strong growth in laser exports this year, officials said.\n"
    doc = Document(source="a.txt", raw=page.encode())
    before = (doc.text, doc.title, doc.source_text)
    out = default_pipeline()(doc)
    assert (doc.text, doc.title, doc.source_text) == before
    assert out.title == "Wuhan lasers grow" and "optics valley" in out.text and out.lang == "en"


def test_id_derives_from_content():
    assert Document(source="a", raw=b"x").id == Document(source="b", raw=b"x").id == make_doc_id(b"x")
