#!/usr/bin/env bash
# Bring up a throw-away single-node Slurm (munged + slurmctld + slurmd) under STATE_DIR, for
# test/cluster/slurm.e2e.test.ts. Needs root and Debian's slurm-wlm and munge packages; uses no systemd and
# touches nothing outside STATE_DIR (munged reads the package's /etc/munge/munge.key). On success prints
# the SLURM_CONF path on stdout and leaves the daemons' process ids in STATE_DIR/*.pid; stop them with
# slurm-down.sh STATE_DIR. Exits non-zero, saying why on stderr, when Slurm cannot be brought up.
set -euo pipefail
state=${1:?usage: slurm-up.sh STATE_DIR}
mkdir -p "$state"/{munge,spool,ctld,log}
chmod 700 "$state" "$state/munge"
state=$(cd "$state" && pwd)
for tool in munged slurmctld slurmd sbatch; do
  command -v "$tool" >/dev/null || { echo "slurm-up: $tool not installed (apt-get install slurm-wlm munge)" >&2; exit 3; }
done
[ "$(id -u)" = 0 ] || { echo "slurm-up: slurmd must run as root" >&2; exit 3; }
key=/etc/munge/munge.key
[ -r "$key" ] || { echo "slurm-up: no munge key at $key" >&2; exit 3; }

host=$(hostname -s)
cpus=$(nproc)
# a free TCP port pair for slurmctld and slurmd (another Slurm on this machine must not answer)
base=$((20000 + RANDOM % 20000))
cat >"$state/slurm.conf" <<CONF
ClusterName=odeforge-test
SlurmctldHost=$host
SlurmctldPort=$base
SlurmdPort=$((base + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$state/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

# each daemon forks into the background once started; on failure, say why (its log) and stop
failed_to_start() {
  echo "slurm-up: $1 did not start: $(tail -n 3 "$state/log/$1".* 2>/dev/null | tr '\n' ' ')" >&2
  exit 4
}
munged --force --socket="$state/munge/munge.socket" --key-file="$key" --pid-file="$state/munged.pid" \
  --log-file="$state/log/munged.log" --seed-file="$state/munge/seed" 2>>"$state/log/munged.err" || failed_to_start munged
export SLURM_CONF=$state/slurm.conf
slurmctld -f "$SLURM_CONF" 2>>"$state/log/slurmctld.err" || failed_to_start slurmctld
slurmd -f "$SLURM_CONF" 2>>"$state/log/slurmd.err" || failed_to_start slurmd
# ready when the node is idle
for _ in $(seq 1 60); do
  if sinfo -h -N -o '%t' 2>/dev/null | grep -qx 'idle'; then
    echo "$SLURM_CONF"
    exit 0
  fi
  sleep 0.5
done
echo "slurm-up: the node did not become idle within 30 s; logs in $state/log" >&2
sinfo -N -l >&2 || true
exit 4
