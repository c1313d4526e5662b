"""pytest for the whole repository: no test writes into the book's _build/.

The chapters that nbval re-executes export their figures and tables through
``helpers.paths.build_dir()``; pointed at a temporary folder here, they
leave the built book (which tests/outputs reads) as the build made it.
"""

from __future__ import annotations

import os
import tempfile


def pytest_configure(config):
    os.environ.setdefault("USMX_BUILD_DIR", tempfile.mkdtemp(prefix="usmx-test-build-"))
