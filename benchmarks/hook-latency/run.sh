#!/usr/bin/env bash
# Hook wall time: what one Claude Code hook costs the user. Publishes `mesh` ReadyToRun (Release, framework-
# dependent) and `mesh-hook` (src/AgentMesh.HookHost: self-contained, trimmed, composite ReadyToRun — what
# docs/claude-code.md tells users to install), starts a broker in a throwaway MESH_HOME, registers a session through
# `mesh-hook session-start`, then times N runs (default 200) of `mesh-hook user-prompt-submit` fed the hook's JSON
# on stdin with nothing waiting, and N/4 runs each of: it with one task waiting (sent untimed before each run),
# `mesh-hook statusline`, `mesh-hook` alone (its start-up floor), and for comparison `mesh hook user-prompt-submit`,
# `mesh statusline` and `mesh --version` (mesh's start-up floor).
# Prints p50/p90/p99 in ms, one line per case, and the machine. Usage: benchmarks/hook-latency/run.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-200}
work=$(mktemp -d /tmp/mesh-hookbench-XXXXXX)
trap 'kill "$broker" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

rid=$(dotnet --info | awk '/RID:/ {print $2; exit}')
dotnet publish src/AgentMesh.Cli -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$work/mesh" >/dev/null
dotnet publish src/AgentMesh.HookHost -c Release -r "$rid" -o "$work/mesh-hook" >/dev/null
mesh="$work/mesh/mesh"
hook="$work/mesh-hook/mesh-hook"
export MESH_HOME="$work/home" MESH_NO_AUTOSTART=1
unset MESH_AGENT MESH_URL MESH_DEBUG

"$mesh" server >"$work/broker.log" 2>&1 &
broker=$!
for _ in $(seq 600); do "$mesh" status >/dev/null 2>&1 && break; sleep 0.2; done # a loaded machine starts slowly

session=0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
start='{"session_id":"'$session'","transcript_path":"/tmp/t.jsonl","cwd":"/tmp/bench-project","hook_event_name":"SessionStart","source":"startup"}'
prompt='{"session_id":"'$session'","transcript_path":"/tmp/t.jsonl","cwd":"/tmp/bench-project","hook_event_name":"UserPromptSubmit","prompt":"hi"}'
status='{"session_id":"'$session'","cwd":"/tmp/bench-project"}'
"$hook" session-start <<<"$start"
"$mesh" register bench-sender >/dev/null
agent=$("$hook" statusline <<<"$status" | tr -d '[]' | cut -d' ' -f1) # the session's agent id
[ -n "$agent" ] || { echo "mesh-hook did not register the session; see $work/broker.log" >&2; exit 1; }

# times "${cmd[@]}" $runs times (stdin from $2); with $3 set, sends a task to the session before each run, untimed
measure() {
  local label=$1 input=$2 before=${3:-} runs=${4:-$n} samples=()
  for _ in $(seq 5); do "${cmd[@]}" <<<"$input" >/dev/null 2>&1 || true; done # warm the page cache
  for _ in $(seq "$runs"); do
    [ -n "$before" ] && "$mesh" send "$agent" "benchmark task" --as bench-sender >/dev/null
    local t0=$EPOCHREALTIME
    "${cmd[@]}" <<<"$input" >/dev/null 2>&1 || true
    local t1=$EPOCHREALTIME
    samples+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) * 1000 }')")
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v label="$label" '
    { v[NR] = $1 }
    END { printf "%-46s p50 %6.1f ms   p90 %6.1f ms   p99 %6.1f ms   (n=%d)\n", label, v[int(NR*0.50+0.5)], v[int(NR*0.90+0.5)], v[int(NR*0.99+0.5)], NR }'
}

echo "hook latency, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
cmd=("$hook" user-prompt-submit);       measure "mesh-hook user-prompt-submit, nothing waiting" "$prompt"
cmd=("$hook" user-prompt-submit);       measure "mesh-hook user-prompt-submit, one task waiting" "$prompt" send $((n / 4))
cmd=("$hook" statusline);               measure "mesh-hook statusline" "$status" "" $((n / 4))
cmd=("$hook");                          measure "mesh-hook alone (its start-up floor)" "" "" $((n / 4))
cmd=("$mesh" hook user-prompt-submit);  measure "mesh hook user-prompt-submit, nothing waiting" "$prompt" "" $((n / 4))
cmd=("$mesh" statusline);               measure "mesh statusline" "$status" "" $((n / 4))
cmd=("$mesh" --version);                measure "mesh --version (mesh's start-up floor)" "" "" $((n / 4))
echo "load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
