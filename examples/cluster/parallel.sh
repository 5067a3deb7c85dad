#!/usr/bin/env bash
# The same sharded run on one machine (or over ssh with GNU parallel's --sshlogin), without a scheduler:
#
#   SPEC=examples/ve.yaml OUT_DIR=$PWD/run1 SAMPLE_ARGS="--dataset 8gaussians --n 2000 --seed 1" \
#     examples/cluster/parallel.sh 7
#
# runs shards 0..k-1 (JOBS at a time, default: the number of cores), then merges them into
# $OUT_DIR/samples.$FORMAT. Settings: those of slurm-array.sh, and JOBS.
set -euo pipefail
shards=${1:?usage: parallel.sh SHARDS}
: "${SPEC:?set SPEC to the design spec file}"
: "${OUT_DIR:?set OUT_DIR to the output directory}"
SAMPLE_ARGS=${SAMPLE_ARGS:---dataset 8gaussians --n 2000 --seed 0}
FORMAT=${FORMAT:-npy}
ODEFORGE=${ODEFORGE:-odeforge}
mkdir -p "$OUT_DIR"
# --halt now,fail=1: one failed shard stops the run (no merge of an incomplete set is attempted anyway)
# shellcheck disable=SC2086
parallel --will-cite --halt now,fail=1 --jobs "${JOBS:-0}" \
  $ODEFORGE sample "$SPEC" $SAMPLE_ARGS --shard '{}'/"$shards" --threads 1 --no-progress \
  --out "$OUT_DIR/shard-{}.$FORMAT" ::: $(seq 0 $((shards - 1)))
files=()
for ((i = 0; i < shards; i++)); do files+=("$OUT_DIR/shard-$i.$FORMAT"); done
$ODEFORGE merge "${files[@]}" -o "$OUT_DIR/samples.$FORMAT"
