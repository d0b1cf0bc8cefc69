#!/usr/bin/env bash
# Installs what QLCB-CNTT needs and is missing. Usage: scripts/ensure-deps.sh run|test
# run:  nothing beyond the Swift toolchain today (SQLite is embedded).
# test: PostgreSQL (second database), Chromium + Playwright (browser test), pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
want=()
case "${1:-run}" in
  run) ;;
  test) want+=(postgresql chromium fonts-liberation2 python3-venv) ;;
  bench) want+=(wrk bc) ;;
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
if [ "${1:-run}" = "test" ]; then
  if [ ! -x .venv/bin/python ]; then
    echo "==> Tạo môi trường Python .venv cho kiểm thử trình duyệt"
    python3 -m venv .venv
  fi
  .venv/bin/python -c "import playwright, pytest, schemathesis" 2>/dev/null || {
    echo "==> Cài playwright, pytest, schemathesis (PyPI)"
    .venv/bin/pip install -q --disable-pip-version-check playwright pytest schemathesis
  }
fi
