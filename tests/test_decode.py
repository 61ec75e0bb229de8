import pytest

from lasermap.doc import Document
from lasermap.errors import InputError
from lasermap.ingest.decode import decode, decode_bytes

PAGE = "<html><head><meta charset='{cs}'></head><body><p>济南激光产业集群发展迅速，企业超过三百家。</p></body></html>"


def test_utf8_page_declaring_gb2312_is_read_as_utf8():
    raw = PAGE.format(cs="gb2312").encode("utf-8")
    text, codec = decode_bytes(raw)
    assert codec == "utf-8" and "济南激光" in text


def test_gbk_bytes_with_gb2312_declaration_use_gb18030():
    raw = PAGE.format(cs="gb2312").encode("gbk")
    text, codec = decode_bytes(raw)
    assert codec == "gb18030" and "企业超过三百家" in text


def test_big5_declaration_reads_as_big5hkscs():
    raw = "<meta charset=big5><p>溫州激光與光電產業集群</p>".encode("big5")
    text, codec = decode_bytes(raw)
    assert codec == "big5hkscs" and "溫州激光與光電產業集群" in text


def test_undeclared_gbk_is_detected():
    raw = "武汉光谷聚集了大量光电子企业，其中激光企业数量众多。".encode("gb18030")
    text, _ = decode_bytes(raw)
    assert "武汉光谷" in text


def test_bom_wins():
    raw = b"\xef\xbb\xbf" + b"Wuhan Optics Valley"
    assert decode_bytes(raw) == ("Wuhan Optics Valley", "utf-8-sig")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [(b"", "empty"), (b"   \n\t", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary")],
)
def test_bad_input_is_an_input_error(raw, reason):
    with pytest.raises(InputError, match=reason):
        decode(Document(source="x", raw=raw))
