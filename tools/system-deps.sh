#!/usr/bin/env bash
# Install (on Debian/Ubuntu) or describe (elsewhere) the system packages the
# PDF book needs. Exit 0 when a PDF can be built, 1 when it cannot (the HTML
# book still builds). Python packages are not handled here: see the Makefile.
set -euo pipefail

# `tools/system-deps.sh python-venv`: Debian's python3 lacks venv/ensurepip
# until python3-venv is installed; called by the Makefile when venv fails.
# `tools/system-deps.sh browser`: Debian's Chromium for the real-browser tests
# (Playwright drives this system executable; it never downloads a browser).
if [ "${1:-}" = "browser" ]; then
  if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then exit 0; fi
  if command -v apt-get >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "system-deps: installing Debian's chromium for the browser tests"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium
    exit 0
  fi
  echo "system-deps: install Chromium (or Google Chrome) for the browser tests" >&2
  exit 1
fi

if [ "${1:-}" = "python-venv" ]; then
  if command -v apt-get >/dev/null; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv
    exit 0
  fi
  echo "system-deps: 'python3 -m venv' does not work here; install Python's venv module" >&2
  exit 1
fi

PDF_PACKAGES=(latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra
              texlive-fonts-recommended fonts-freefont-otf poppler-utils)
# A LaTeX class from sphinx-jupyterbook-latex loads bbm.sty, which Debian
# ships only in the 1.4 GB texlive-fonts-extra; tools/latex/bbm.sty stands in.

have_tex() {
  command -v xelatex >/dev/null && command -v latexmk >/dev/null &&
    kpsewhich fncychap.sty >/dev/null 2>&1 && fc-list 2>/dev/null | grep -i FreeSerif >/dev/null &&
    command -v pdftotext >/dev/null
}

if have_tex; then
  exit 0
fi

if command -v apt-get >/dev/null; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then SUDO="sudo"; else
      echo "system-deps: need root or sudo to run apt-get install ${PDF_PACKAGES[*]}" >&2
      exit 1
    fi
  fi
  echo "system-deps: installing TeX Live for the PDF build: ${PDF_PACKAGES[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${PDF_PACKAGES[@]}"
  have_tex && exit 0
  echo "system-deps: TeX Live was installed but xelatex/latexmk/FreeSerif are still missing" >&2
  exit 1
fi

cat >&2 <<MSG
system-deps: this is not a Debian-like system, so the PDF prerequisites
cannot be installed automatically. Install the equivalents of:
  ${PDF_PACKAGES[*]}
(a TeX Live with xelatex, latexmk, fncychap and the GNU FreeFont OpenType
fonts), then run 'make book' again. The HTML book is built regardless.
MSG
exit 1
