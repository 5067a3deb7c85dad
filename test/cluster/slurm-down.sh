#!/usr/bin/env bash
# Stop the daemons slurm-up.sh STATE_DIR started, by their recorded process ids only.
state=${1:?usage: slurm-down.sh STATE_DIR}
for name in slurmd slurmctld munged; do
  pidfile="$state/$name.pid"
  [ -s "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || continue
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
done
exit 0
