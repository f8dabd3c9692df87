"""What a PDF says, read by poppler's ``pdftotext`` as a person's PDF reader would.

Without ``pdftotext`` (apt's poppler-utils) the test is skipped, except in CI
(``CI=1``), where a missing reader is an error: .ci/run installs it.
"""

import os
import shutil
import subprocess

import pytest


def pdf_text(data: bytes, *, layout: bool = True) -> str:
    """The text of the PDF ``data``, its pages separated by form feeds."""
    assert data.startswith(b"%PDF-"), data[:40]
    reader = shutil.which("pdftotext")
    if reader is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing: install poppler-utils")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    args = [reader, *(["-layout"] if layout else []), "-enc", "UTF-8", "-", "-"]
    result = subprocess.run(args, input=data, capture_output=True, check=True, timeout=60)
    return result.stdout.decode("utf-8")


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of the PDF ``data``."""
    return pdf_text(data).split("\f")[:-1] or [""]
