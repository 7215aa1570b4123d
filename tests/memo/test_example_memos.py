"""The example memos shipped in examples/memos/ are what the code writes today.

When this fails after a change to rules, templates, taxonomy or the classifier, regenerate them:
``.venv/bin/python tools/example_memos.py``.
"""
import importlib.util
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "examples" / "memos"


def _tool():
    spec = importlib.util.spec_from_file_location("example_memos", ROOT / "tools" / "example_memos.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def written():
    return _tool().example_memos()


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_one_memo_of_each_kind_is_shipped(written):
    assert sorted(m.template for m in written) == ["city", "risk", "self"]
    expected = {m.file_name(fmt) for m in written for fmt in ("md", "html", "pdf")}
    assert {p.name for p in SHIPPED.iterdir()} == expected


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_shipped_memos_are_up_to_date(written, fmt):
    for memo in written:
        shipped = (SHIPPED / memo.file_name(fmt)).read_bytes()
        assert memo.render(fmt) == shipped, f"{memo.file_name(fmt)} är inaktuell: kör tools/example_memos.py"


def test_shipped_pdfs_hold_the_same_text(written):
    for memo in written:
        shipped = (SHIPPED / memo.file_name("pdf")).read_bytes()
        assert _pdf_text(memo.render("pdf")) == _pdf_text(shipped), f"{memo.file_name('pdf')} är inaktuell"
