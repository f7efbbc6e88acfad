# Shared by the benchmarks that go through the counting proxy: sourced, not run.
# Starts the proxy in front of the loopback registry (REG is its address) and provides
# `compare TITLE name=label...`, which runs each named shell function RUNS times, in turns, and
# prints a Markdown table: wall time median (min-max), the time beyond bare Maven (`mvn validate` of
# an empty project, run in the same turns; the median (min-max) of the round-by-round differences),
# the ratio to the first tool after the plugin, and the registry requests and bytes uploaded of the
# last run.
. ./turns.sh
RUNS=${RUNS:-5}
UPSTREAM=${BENCH_UPSTREAM:-5000}
PORT=${BENCH_PROXY_PORT:-5009}
REG=127.0.0.1:$PORT
MVNW="../mvnw -o"

JOURNAL=$(mktemp)   # one line per request (see the proxy's doc)
python3 ../it/src/it/lib/registry-proxy.py --port "$PORT" --upstream "127.0.0.1:$UPSTREAM" --journal "$JOURNAL" &
proxy=$!
cleanup_hooks=("kill $proxy 2>/dev/null || true" "rm -f $JOURNAL")
trap 'for h in "${cleanup_hooks[@]}"; do eval "$h"; done' EXIT
for _ in $(seq 1 50); do curl -fsS "http://$REG/v2/" >/dev/null 2>&1 && break; sleep 0.1; done

bare_maven() { $MVNW -B -q -o -f startup/pom.xml validate >/dev/null; }

declare -A COUNTS=()
before() { curl -fsS "http://$REG/__proxy/count" >/dev/null; }
after() { COUNTS[$1]=$(curl -fsS "http://$REG/__proxy/count"); }

compare() {
  local title=$1; shift
  local -a names=() labels=()
  local pair name i beyond
  for pair in "$@"; do names+=("${pair%%=*}"); labels+=("${pair#*=}"); done
  turns "${names[@]}" bare_maven
  local plugin peer
  plugin=$(paired_median "${names[0]}" bare_maven)
  peer=$(median "${names[1]}")
  printf '\n%s; %s rounds, seconds: median (min-max)\n\n' "$title" "$RUNS"
  printf '| tool | wall time | beyond bare Maven | registry requests | bytes uploaded |\n|---|---|---|---|---|\n'
  for i in "${!names[@]}"; do
    name=${names[$i]}
    read -r req bytes <<<"${COUNTS[$name]}"
    # only the plugin starts Maven: the peer's own time is what the plugin's time beyond Maven compares with
    beyond=""
    [ "$i" = 0 ] && beyond=$(paired_cell "${names[0]}" bare_maven)
    printf '| %s | %s | %s | %s | %s |\n' "${labels[$i]}" "$(cell "$name")" "$beyond" "$req" "$bytes"
  done
  printf '| bare Maven (mvn validate) | %s | | | |\n' "$(cell bare_maven)"
  printf '\n%s beyond bare Maven / %s: %s\n' "${labels[0]}" "${labels[1]}" "$(ratio "$plugin" "$peer")"
}

