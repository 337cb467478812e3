# shellcheck shell=bash
# Shared by scripts/*: paths and pinned versions. Sourced, never run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=../testbed/versions.env
. "$ROOT/testbed/versions.env"
CACHE="${SCALE_HA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-scale-ha}"
# shellcheck disable=SC2034 # used by the scripts that source this file
TOOLS="$CACHE/tools"
log() { printf '\033[2m[%s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The directories of test bed $1: its own state, and kwokctl's (pki, logs, bin/ symlinks).
# Every process the bed runs names one of them on its command line: kwokctl starts each
# component as <kwok dir>/bin/<component> with certificates from <kwok dir>/pki, and the
# webhook is given files in <state dir>/webhook/.
testbed_dirs() { printf '%s\n' "$CACHE/clusters/$1" "$CACHE/kwok/clusters/$1"; }

# Prints "pid command line" for every live process of test bed $1, i.e. one with an argument that
# is one of the bed's directories or a path inside it. It finds processes that kwokctl does not
# know (a re-launched metrics-server) and those whose directory is already gone. Pure bash, so no
# helper process (ps, grep) shows the directory on its own command line; this shell and its
# ancestors are never listed. Zombies have an empty command line and are not listed.
testbed_processes() {
  local -a dirs argv
  local p pid arg dir self=${BASHPID:-$$} skip=" " ppid key value
  mapfile -t dirs < <(testbed_dirs "$1")
  pid=$self
  while [ -n "$pid" ] && [ "$pid" -gt 1 ]; do
    skip+="$pid "
    ppid=
    while read -r key value; do
      [ "$key" = PPid: ] && { ppid=$value; break; }
    done 2>/dev/null < "/proc/$pid/status" || true
    pid=$ppid
  done
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    [[ $skip == *" $pid "* ]] && continue
    mapfile -d '' -t argv 2>/dev/null < "$p/cmdline" || continue
    for arg in "${argv[@]}"; do
      for dir in "${dirs[@]}"; do
        if [[ $arg == "$dir" || $arg == *="$dir" || $arg == *"$dir/"* ]]; then
          printf '%s %s\n' "$pid" "${argv[*]}"
          continue 3
        fi
      done
    done
  done
  return 0
}

# Stops every process of test bed $1, clients first, then kube-apiserver, then etcd: all at once,
# kube-apiserver hangs on its lost etcd until killed. Each stage gets SIGTERM, up to $2 seconds
# (default 10) to exit, then SIGKILL. Each signal goes to a freshly listed process, never to a
# recycled pid. Returns 1, listing them on stderr, if processes remain even after SIGKILL.
stop_testbed_processes() {
  local name=$1 wait=${2:-10} stage sig procs pids deadline
  for stage in other kube-apiserver etcd; do
    for sig in TERM KILL; do
      pids=$(testbed_processes "$name" | testbed_stage "$stage")
      [ -n "$pids" ] || break
      # shellcheck disable=SC2086 # one pid per line
      kill -s "$sig" $pids 2>/dev/null || true
      if [ "$sig" = TERM ]; then deadline=$((SECONDS + wait)); else deadline=$((SECONDS + 5)); fi
      while [ -n "$(testbed_processes "$name" | testbed_stage "$stage")" ] && [ "$SECONDS" -lt "$deadline" ]; do
        sleep 0.2
      done
    done
  done
  procs=$(testbed_processes "$name")
  [ -z "$procs" ] && return 0
  printf 'error: still running after SIGKILL (test bed %s):\n%s\n' "$name" "$procs" >&2
  return 1
}

# Reads testbed_processes lines; prints the pids of stage $1: the program kube-apiserver, etcd, or
# (other) any other.
testbed_stage() {
  awk -v stage="$1" '{ prog = $2; sub(/.*\//, "", prog)
    if (prog != "kube-apiserver" && prog != "etcd") prog = "other"
    if (prog == stage) print $1 }'
}
