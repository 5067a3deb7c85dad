#!/usr/bin/env bash
# Submit a k-task job array (slurm-array.sh) and a merge job that runs once every task has succeeded:
#
#   SPEC=examples/ve.yaml OUT_DIR=$PWD/run1 SAMPLE_ARGS="--dataset 8gaussians --n 100000 --seed 1" \
#     examples/cluster/slurm-submit.sh 16
#
# writes $OUT_DIR/shard-0..15.npy (each with its .provenance.json) and $OUT_DIR/samples.npy, byte for byte the
# file one `odeforge sample` run with the same options writes. With WAIT=1 it returns when the merge job has
# ended: status 0 when it completed. Settings: those of slurm-array.sh, and SBATCH_ARGS (e.g. "--partition=cpu").
set -euo pipefail
shards=${1:?usage: slurm-submit.sh SHARDS}
: "${SPEC:?set SPEC to the design spec file}"
: "${OUT_DIR:?set OUT_DIR to a directory every node can write}"
FORMAT=${FORMAT:-npy}
ODEFORGE=${ODEFORGE:-odeforge}
here=$(cd "$(dirname "$0")" && pwd)
export SPEC OUT_DIR FORMAT ODEFORGE SAMPLE_ARGS
mkdir -p "$OUT_DIR"

# shellcheck disable=SC2086 # SBATCH_ARGS is a word list
array=$(sbatch --parsable ${SBATCH_ARGS:-} --array="0-$((shards - 1))" --export=ALL "$here/slurm-array.sh")
array=${array%%;*}
echo "submitted job array $array ($shards shards)" >&2

# the merge: afterok = only if every task of the array succeeded
shard_files=$(for ((i = 0; i < shards; i++)); do printf '%q ' "$OUT_DIR/shard-$i.$FORMAT"; done)
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_ARGS:-} --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --job-name=odeforge-merge --output="$OUT_DIR/merge-%j.log" --export=ALL \
  --wrap="$ODEFORGE merge $shard_files -o $(printf '%q' "$OUT_DIR/samples.$FORMAT")")
merge=${merge%%;*}
echo "submitted merge job $merge (runs after every task of $array succeeded)" >&2
[ "${WAIT:-0}" = 1 ] || exit 0

# WAIT=1: poll until the merge job has left the queue (sbatch --wait backs off to half-minute polls)
while [ -n "$(squeue -h -j "$merge" -o %i 2>/dev/null)" ]; do sleep 1; done
state=$(scontrol -o show job "$merge" 2>/dev/null | grep -o 'JobState=[A-Z_]*' || true)
echo "merge job $merge: ${state:-JobState=unknown}" >&2
[ "$state" = JobState=COMPLETED ]
