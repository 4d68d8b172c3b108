namespace AgentMesh.Terminal.Tests.Supervisor;

/// <summary>
/// The stand-in agent for <c>mesh run</c> tests: a bash prompt loop that calls the real hook commands the way
/// Claude Code does — SessionStart at start (idle), UserPromptSubmit after each prompt (busy; whatever the hook
/// attaches is logged as CONTEXT), Stop when the "turn" ends (blocked stops are logged and retried like Claude,
/// then idle). It asks for bracketed paste like Claude (unless told not to) and reads a prompt up to Enter, a
/// bracketed paste with its newlines counting as part of one prompt; it logs everything to a file, one line
/// per event: <c>GOT:&lt;prompt, newlines as \n&gt;</c>, <c>READY</c>, <c>IDLE</c>, <c>WORKING</c>,
/// <c>SIGNAL:INT</c>, <c>SIZE:rows cols</c>. Prompts <c>exit N</c>, <c>size</c> and <c>work SECONDS</c> do what they say.
/// With <c>SUP_SWALLOW_ENTER=1</c> it ignores the Enter after its first paste (logging <c>SWALLOWED</c>), as a TUI under load may.
/// </summary>
internal static class PromptLoopProgram
{
    public const string Script = """
        #!/usr/bin/env bash
        set -u
        export CLAUDE_PID=$$
        log() { printf '%s\n' "$1" >> "$SUP_LOG"; }
        hook() {
          "$SUP_DOTNET" "$SUP_MESH" hook "$1" <<<"{\"session_id\":\"$SUP_SESSION\",\"cwd\":\"$PWD\",\"transcript_path\":\"$PWD/t.jsonl\",\"hook_event_name\":\"$2\"$3}"
        }
        trap 'log "SIGNAL:INT"' INT
        [ "${SUP_BRACKETED:-1}" = 1 ] && printf '\e[?2004h'
        hook session-start SessionStart ',"source":"startup"' >/dev/null
        log READY
        while true; do
          printf 'PROMPT> '
          line=
          while IFS= read -r part; do
            line+=$part
            [[ $line == *$'\e[200~'* && $line != *$'\e[201~'* ]] || break
            line+=$'\n'
          done
          if [ "${SUP_SWALLOW_ENTER:-0}" = 1 ] && [ -z "${swallowed:-}" ] && [[ $line == *$'\e[201~'* ]]; then
            swallowed=1; log SWALLOWED # a TUI under load that took Enter as part of the paste: the text stays in the input
            IFS= read -r more; line+=$more
          fi
          [ -n "$line" ] || continue
          line=${line//$'\e[200~'/}
          line=${line//$'\e[201~'/}
          printf '\n'
          log "GOT:${line//$'\n'/\\n}"
          case $line in
            exit\ *) exit "${line#exit }" ;;
            size) log "SIZE:$(stty size)" ;;
          esac
          context=$(hook user-prompt-submit UserPromptSubmit ',"prompt":"p"')
          [ -n "$context" ] && log "CONTEXT:${context//$'\n'/ }"
          case $line in
            work\ *) log WORKING; sleep "${line#work }" ;;
          esac
          active=false
          while out=$(hook stop Stop ",\"stop_hook_active\":$active"); [[ $out == *'"block"'* ]]; do
            log "BLOCKED:${out//$'\n'/ }"
            active=true
          done
          log IDLE
        done
        """;
}
