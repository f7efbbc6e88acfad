#!/usr/bin/env bash
# Benchmark of the build goal: the same two-platform image built and pushed
#   (a) through the plugin (mvn package),
#   (b) through the equivalent raw `docker buildx build` commands, both platforms in parallel,
#   (c) mvn with the image goals skipped: the fixed cost of starting Maven,
# cold (builder cache pruned, local images removed) and warm (everything cached).
# Prints medians and the plugin's own overhead: plugin - raw - maven start.
# Needs the stack (.ci/stack-up) and the plugin installed (./mvnw install -DskipTests -DskipITs).
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-3}
REG=${BENCH_REGISTRY:-127.0.0.1:5000}
MVNW=../mvnw
SAMPLE=sample
DATE=2026-01-01T00:00:00Z

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }

clean() {
  docker image rm --force "$REG/bench/plugin:1.0.0-amd64" "$REG/bench/plugin:1.0.0-arm64" \
    "$REG/bench/raw:1.0.0-amd64" "$REG/bench/raw:1.0.0-arm64" >/dev/null 2>&1 || true
  docker buildx prune -af >/dev/null
}

raw_one() { # platform arch
  docker buildx build --progress=plain --platform "$1" --file "$SAMPLE/Dockerfile" \
    --build-arg BUILD_VERSION=1.0.0 --build-arg BUILD_DATE=$DATE --build-arg BUILD_ARCH="$2" \
    --build-arg BUILD_REPOSITORY= --build-arg SOURCE_DATE_EPOCH=1767225600 \
    --build-arg BASE_IMAGE="$REG/test/busybox:1" \
    --label org.opencontainers.image.created=$DATE --label org.opencontainers.image.version=1.0.0 \
    --label org.opencontainers.image.title=bench-sample \
    --provenance=false --metadata-file "$(mktemp)" \
    --output "type=image,name=$REG/bench/raw:1.0.0-$2,push=true,compression=zstd,compression-level=9,force-compression=true,oci-mediatypes=true" \
    "$SAMPLE" >/dev/null 2>&1
}

raw() { raw_one linux/amd64 amd64 & a=$!; raw_one linux/arm64 arm64 & b=$!; wait $a; wait $b; }
plugin() { $MVNW -q -B -f "$SAMPLE/pom.xml" package -Dbench.registry="$REG" >/dev/null; }
mvn_only() { $MVNW -q -B -f "$SAMPLE/pom.xml" package -Ddocker.skip=true >/dev/null; }

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

declare -A T
# the three commands take turns in every round, so drift on a busy machine hits them alike
measure_mode() { # mode(cold|warm)
  local mode=$1 s name
  declare -A runs=([plugin]="" [raw]="" [mvn]="")
  if [ "$mode" = warm ]; then plugin; raw; fi   # prime the caches
  for _ in $(seq 1 "$RUNS"); do
    for name in plugin raw mvn; do
      [ "$mode" = cold ] && clean
      s=$(now)
      case $name in plugin) plugin ;; raw) raw ;; mvn) mvn_only ;; esac
      runs[$name]+="$(elapsed "$s")"$'\n'
    done
  done
  for name in plugin raw mvn; do T[$name.$mode]=$(printf '%s' "${runs[$name]}" | grep . | median); done
}

measure_mode cold
measure_mode warm

printf '\nbuild of a 2-platform image (linux/amd64 + linux/arm64 under QEMU), pushed with zstd; median of %s runs, seconds\n\n' "$RUNS"
printf '| case | plugin (mvn package) | raw buildx | mvn start, goals skipped | plugin overhead (plugin - raw - mvn start) | plugin / raw |\n'
printf '|---|---|---|---|---|---|\n'
for mode in cold warm; do
  p=${T[plugin.$mode]}; r=${T[raw.$mode]}; m=${T[mvn.$mode]}
  printf '| %s | %s | %s | %s | %s | %s |\n' "$mode" "$p" "$r" "$m" \
    "$(echo "$p - $r - $m" | bc)" "$(echo "scale=2; $p / $r" | bc)"
done
