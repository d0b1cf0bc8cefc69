#!/usr/bin/env bash
# Installs what QLCB-CNTT needs and is missing. Usage: scripts/ensure-deps.sh run|test
# run:  the C libraries the build links (Pango/Cairo for PDFs, libqrencode, libxlsxwriter), the
#       Liberation Serif faces the official forms are set in (SQLite is embedded) and msmtp, which
#       hands the outbox's letters to the SMTP server (ADR 0014; the tests deliver through it too).
# test: also PostgreSQL (second database), poppler-utils (PDF text and images), Chromium +
#       Playwright (browser test), pytest, schemathesis and openpyxl, nginx (the two-instance test
#       e2e/test_two_instances.py runs it unprivileged in a temporary folder; the service is not used).
# bench: wrk, bc, poppler-utils, PostgreSQL (DB=postgres bench/run.sh) and jq (bench/explain.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
want=(pkg-config libpango1.0-dev libcairo2-dev libqrencode-dev libxlsxwriter-dev zlib1g-dev fonts-liberation2 msmtp)
case "${1:-run}" in
  run) ;;
  test) want+=(postgresql chromium poppler-utils python3-venv nginx) ;;
  bench) want+=(wrk bc poppler-utils postgresql jq linux-perf) ;;
esac
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Cài gói Debian còn thiếu: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ "${1:-run}" = "test" ] || [ "${1:-run}" = "bench" ]; then
  if [ ! -x .venv/bin/python ]; then
    echo "==> Tạo môi trường Python .venv cho kiểm thử trình duyệt"
    python3 -m venv .venv
  fi
  .venv/bin/python -c "import playwright, pytest, schemathesis, openpyxl" 2>/dev/null || {
    echo "==> Cài playwright, pytest, schemathesis, openpyxl (PyPI)"
    .venv/bin/pip install -q --disable-pip-version-check playwright pytest schemathesis openpyxl
  }
fi
