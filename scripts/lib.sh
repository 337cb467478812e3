# Shared by scripts/*: paths and pinned versions. Sourced, never run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../testbed/versions.env
. "$ROOT/testbed/versions.env"
CACHE="${SCALE_HA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-scale-ha}"
TOOLS="$CACHE/tools"
log() { printf '\033[2m[%s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
