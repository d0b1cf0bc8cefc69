#!/bin/sh
# Daily backup of QLCB-CNTT with retention: 14 daily copies and 12 monthly ones (the copy of the 1st).
# Run by deploy/qlcb-backup.timer (or cron: `15 2 * * * qlcb /opt/qlcb/qlcb-backup.sh`), as the
# service user, with the same settings as the server (DATABASE_URL, QLCB_UPLOAD_DIR, …).
# The audit key is NOT in the archive: back up /etc/qlcb (or QLCB_AUDIT_KEY_FILE) separately.
set -eu
dir=${QLCB_BACKUP_DIR:-/var/backups/qlcb}
bin=${QLCB_BIN:-/opt/qlcb/qlcb}
day=$(date +%Y-%m-%d)
mkdir -p "$dir/daily" "$dir/monthly"
tmp="$dir/daily/.qlcb-$day.tar.part"
"$bin" backup --output "$tmp"
mv "$tmp" "$dir/daily/qlcb-$day.tar"
[ "$(date +%d)" = "01" ] && cp "$dir/daily/qlcb-$day.tar" "$dir/monthly/qlcb-$day.tar"
# Keep the newest 14 daily and 12 monthly archives (names sort by date).
ls -1 "$dir/daily"/qlcb-*.tar 2>/dev/null | sort -r | tail -n +15 | xargs -r rm -f
ls -1 "$dir/monthly"/qlcb-*.tar 2>/dev/null | sort -r | tail -n +13 | xargs -r rm -f
