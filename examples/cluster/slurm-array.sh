#!/usr/bin/env bash
# One task of a Slurm job array: task i of k samples shard i/k of one odeforge run. Submit with
# slurm-submit.sh (which adds the merge job), or by hand:
#
#   sbatch --array=0-6 --export=ALL,SPEC=examples/ve.yaml,OUT_DIR=$PWD/run1 examples/cluster/slurm-array.sh
#
# The shard count k is the size of the array (give a contiguous range without a step, e.g. 0-6), the index i
# the task's place in it. Every task must run the same odeforge version on the same spec, data and options:
# `odeforge merge` checks that from the shards' provenance sidecars and refuses a set that is not one run.
#
# Settings (environment; sbatch passes the submitting shell's on):
#   SPEC         the design spec file (required)
#   OUT_DIR      shared directory for the shards (required; on a file system every node sees)
#   SAMPLE_ARGS  the run's options: data, n, seed, solver, ... (default: --dataset 8gaussians --n 2000 --seed 0)
#   FORMAT       npy | csv | json (default npy)
#   ODEFORGE     the odeforge command (default: odeforge on PATH)
#SBATCH --job-name=odeforge-sample
#SBATCH --cpus-per-task=1
#SBATCH --output=odeforge-sample-%A_%a.log
set -euo pipefail
: "${SPEC:?set SPEC to the design spec file}"
: "${OUT_DIR:?set OUT_DIR to a directory every node can write}"
: "${SLURM_ARRAY_TASK_ID:?run this as a job array: sbatch --array=0-K-1 ...}"
SAMPLE_ARGS=${SAMPLE_ARGS:---dataset 8gaussians --n 2000 --seed 0}
FORMAT=${FORMAT:-npy}
ODEFORGE=${ODEFORGE:-odeforge}

count=$((SLURM_ARRAY_TASK_MAX - SLURM_ARRAY_TASK_MIN + 1))
index=$((SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN))
mkdir -p "$OUT_DIR"
# shellcheck disable=SC2086 # SAMPLE_ARGS and ODEFORGE are word lists
exec $ODEFORGE sample "$SPEC" $SAMPLE_ARGS --shard "$index/$count" --threads "${SLURM_CPUS_PER_TASK:-1}" \
  --no-progress --out "$OUT_DIR/shard-$index.$FORMAT"
