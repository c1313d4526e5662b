#!/usr/bin/env bash
# Install (on Debian/Ubuntu) or describe (elsewhere) the system packages the
# build needs, in one apt-get call:
#   tools/system-deps.sh pdf            TeX Live with xelatex, latexmk, FreeFont, poppler (the PDF book)
#   tools/system-deps.sh browser        Debian's Chromium (the real-browser tests; Playwright drives it,
#                                       it never downloads a browser)
#   tools/system-deps.sh python-venv    Debian's python3-venv (when `python3 -m venv` fails)
# Needs combine: `tools/system-deps.sh pdf browser`. Exit 0 when everything
# asked for is there, 1 otherwise (with a message saying what to install).
# Python packages are not handled here: see the Makefile.
set -euo pipefail

[ "$#" -gt 0 ] || set -- pdf

PDF_PACKAGES=(latexmk texlive-xetex texlive-latex-recommended texlive-latex-extra
              texlive-fonts-recommended fonts-freefont-otf poppler-utils)
# A LaTeX class from sphinx-jupyterbook-latex loads bbm.sty, which Debian
# ships only in the 1.4 GB texlive-fonts-extra; tools/latex/bbm.sty stands in.

have_pdf() {
  command -v xelatex >/dev/null && command -v latexmk >/dev/null &&
    kpsewhich fncychap.sty >/dev/null 2>&1 && fc-list 2>/dev/null | grep -i FreeSerif >/dev/null &&
    command -v pdftotext >/dev/null
}
have_browser() { command -v chromium >/dev/null || command -v chromium-browser >/dev/null; }
have_python_venv() { python3 -c 'import ensurepip, venv' 2>/dev/null; }

packages_for() {
  case "$1" in
    pdf) echo "${PDF_PACKAGES[*]}" ;;
    browser) echo chromium ;;
    python-venv) echo python3-venv ;;
    *) echo "system-deps: unknown need '$1' (pdf, browser, python-venv)" >&2; exit 2 ;;
  esac
}

missing=()
for need in "$@"; do
  packages_for "$need" >/dev/null
  "have_${need//-/_}" || missing+=("$need")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

packages=()
for need in "${missing[@]}"; do read -r -a more <<<"$(packages_for "$need")"; packages+=("${more[@]}"); done

if command -v apt-get >/dev/null; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then SUDO="sudo"; else
      echo "system-deps: need root or sudo to run apt-get install ${packages[*]}" >&2
      exit 1
    fi
  fi
  echo "system-deps: installing ${packages[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"
  for need in "${missing[@]}"; do
    "have_${need//-/_}" || { echo "system-deps: ${need}: installed, but still not usable" >&2; exit 1; }
  done
  exit 0
fi

cat >&2 <<MSG
system-deps: this is not a Debian-like system, so these cannot be installed
automatically: ${missing[*]}. Install the equivalents of:
  ${packages[*]}
(for the PDF: a TeX Live with xelatex, latexmk, fncychap and the GNU FreeFont
OpenType fonts; for the browser tests: Chromium or Google Chrome), then run
the command again. The HTML book is built regardless.
MSG
exit 1
