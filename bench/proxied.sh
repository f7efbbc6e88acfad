# Shared by the benchmarks that go through the counting proxy: sourced, not run.
# Starts the proxy in front of the loopback registry (REG is its address) and provides
# `compare TITLE name=label...`, which runs each named shell function RUNS times, in turns, and
# prints a Markdown table of the median wall time, the registry requests and the bytes uploaded.
RUNS=${RUNS:-5}
UPSTREAM=${BENCH_UPSTREAM:-5000}
PORT=${BENCH_PROXY_PORT:-5009}
REG=127.0.0.1:$PORT
MVNW=../mvnw

python3 ../it/src/it/lib/registry-proxy.py --port "$PORT" --upstream "127.0.0.1:$UPSTREAM" & proxy=$!
cleanup_hooks=("kill $proxy 2>/dev/null || true")
trap 'for h in "${cleanup_hooks[@]}"; do eval "$h"; done' EXIT
for _ in $(seq 1 50); do curl -fsS "http://$REG/v2/" >/dev/null 2>&1 && break; sleep 0.1; done

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

compare() {
  local title=$1; shift
  local -a names=() labels=()
  local pair
  for pair in "$@"; do names+=("${pair%%=*}"); labels+=("${pair#*=}"); done
  curl -fsS "http://$REG/__proxy/count" >/dev/null
  declare -A times counts
  local name i s
  for name in "${names[@]}"; do times[$name]=""; done
  for _ in $(seq 1 "$RUNS"); do
    for name in "${names[@]}"; do
      s=$(now); $name; times[$name]+="$(echo "$(now) - $s" | bc)"$'\n'
      counts[$name]=$(curl -fsS "http://$REG/__proxy/count")
    done
  done
  printf '\n%s; median of %s runs\n\n' "$title" "$RUNS"
  printf '| tool | wall time (s) | registry requests | bytes uploaded |\n|---|---|---|---|\n'
  for i in "${!names[@]}"; do
    name=${names[$i]}
    read -r req bytes <<<"${counts[$name]}"
    printf '| %s | %s | %s | %s |\n' "${labels[$i]}" "$(printf '%s' "${times[$name]}" | grep . | median)" "$req" "$bytes"
  done
}
