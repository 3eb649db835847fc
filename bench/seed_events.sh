#!/bin/sh
# Score event extraction on the seed article against its gold file (dev/benchmark time only).
set -e
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=${OUT:-/tmp/newsledger_seed_events.json}
.venv/bin/newsledger analyze "$SHARED/seed/000_412b146653f816a1.txt" --published 2024-01-09 > "$OUT"
python3 "$SHARED/eval/score.py" "$SHARED/gold/000_412b146653f816a1.gold.json" "$OUT" --explain | grep -v "^  - claim"
