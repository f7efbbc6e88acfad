# Shared by the benchmarks: sourced, not run.
# `turns NAME...` runs each named shell function RUNS times, one after the other in every round (so
# drift on a busy machine hits them alike), and keeps each run's wall time; functions `before` and
# `after`, when defined, run untimed around each run, given its name. `stats NAME` then prints "median min max" in
# seconds, `cell NAME` "median (min-max)", `paired A B` the same of A minus B round by round, and
# `ratio A B` the ratio of two numbers.
RUNS=${RUNS:-5}
declare -A TIMES=()

now() { date +%s.%N; }
turns() {
  local name s
  for name in "$@"; do TIMES[$name]=""; done
  for _ in $(seq 1 "$RUNS"); do
    for name in "$@"; do
      if declare -F before >/dev/null; then before "$name"; fi
      s=$(now); "$name"; TIMES[$name]+="$(echo "$(now) - $s" | bc)"$'\n'
      if declare -F after >/dev/null; then after "$name"; fi
    done
  done
}
# numbers on standard input, one a line: "median min max"
summary() {
  sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f %.2f %.2f", m, a[1], a[NR]}'
}
stats() { printf '%s' "${TIMES[$1]}" | grep . | summary; }
median() { stats "$1" | cut -d' ' -f1; }
# `paired A B`: "median min max" of A's time minus B's in the same round. Each round's runs are
# seconds apart, so a machine that gets faster or slower between rounds moves both sides alike:
# steadier than the difference of the two medians when the machine drifts.
paired() {
  paste <(printf '%s' "${TIMES[$1]}" | grep .) <(printf '%s' "${TIMES[$2]}" | grep .) | awk '{print $1 - $2}' | summary
}
paired_median() { paired "$1" "$2" | cut -d' ' -f1; }
paired_cell() { local m lo hi; read -r m lo hi <<<"$(paired "$1" "$2")"; printf '%s (%s-%s)' "$m" "$lo" "$hi"; }
# "median (min-max)"
cell() { local m lo hi; read -r m lo hi <<<"$(stats "$1")"; printf '%s (%s-%s)' "$m" "$lo" "$hi"; }
ratio() { printf "%.2f" "$(echo "scale=3; $1 / $2" | bc)"; }
