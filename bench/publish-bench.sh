#!/usr/bin/env bash
# Benchmark of the publish goal against `docker buildx imagetools create`: the same two per-arch
# images (the bench sample, built by the plugin) become one index under a new tag. Both go through
# a counting proxy in front of the loopback registry, so the table shows wall time (median),
# registry requests and bytes uploaded.
# Needs the stack (.ci/stack-up) and the plugin installed (./mvnw install -DskipTests -DskipITs).
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-5}
UPSTREAM=${BENCH_UPSTREAM:-5000}
PORT=${BENCH_PROXY_PORT:-5009}
REG=127.0.0.1:$PORT
MVNW=../mvnw

python3 ../it/src/it/lib/registry-proxy.py --port "$PORT" --upstream "127.0.0.1:$UPSTREAM" & proxy=$!
trap 'kill $proxy 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fsS "http://$REG/v2/" >/dev/null 2>&1 && break; sleep 0.1; done

# the per-arch images and this sample's build record
$MVNW -q -B -f sample/pom.xml package -Dbench.registry="$REG" >/dev/null
amd=$(python3 -c "import json;r=json.load(open('sample/target/docker-build/build-record.json'));print([p['digest'] for p in r['build']['platforms'] if p['platform']=='linux/amd64'][0])")
arm=$(python3 -c "import json;r=json.load(open('sample/target/docker-build/build-record.json'));print([p['digest'] for p in r['build']['platforms'] if p['platform']=='linux/arm64'][0])")
curl -fsS "http://$REG/__proxy/count" >/dev/null

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

# another tag drops the build from the record (it belongs to other tags), so the digests are given
plugin() { $MVNW -q -B -f sample/pom.xml docker-build:metadata docker-build:publish -Dbench.registry="$REG" -Ddocker.tags=pub-plugin \
  "-Ddocker.publish.digests=linux/amd64=$amd,linux/arm64=$arm" >/dev/null; }
imagetools() { docker buildx imagetools create -t "$REG/bench/plugin:pub-raw" "$REG/bench/plugin@$amd" "$REG/bench/plugin@$arm" >/dev/null 2>&1; }
mvn_only() { $MVNW -q -B -f sample/pom.xml docker-build:metadata docker-build:publish -Ddocker.skip=true >/dev/null; }

declare -A times counts
for name in plugin imagetools mvn_only; do times[$name]=""; done
for _ in $(seq 1 "$RUNS"); do
  for name in plugin imagetools mvn_only; do
    s=$(now); $name; times[$name]+="$(echo "$(now) - $s" | bc)"$'\n'
    counts[$name]=$(curl -fsS "http://$REG/__proxy/count")
  done
done

printf '\npublish of a 2-platform index under one new tag, same repository; median of %s runs\n\n' "$RUNS"
printf '| tool | wall time (s) | registry requests | bytes uploaded |\n|---|---|---|---|\n'
for name in plugin imagetools mvn_only; do
  read -r req bytes <<<"${counts[$name]}"
  label=$name; [ $name = plugin ] && label="plugin (mvn docker-build:publish)"
  [ $name = imagetools ] && label="docker buildx imagetools create"
  [ $name = mvn_only ] && label="mvn start, goals skipped"
  printf '| %s | %s | %s | %s |\n' "$label" "$(printf '%s' "${times[$name]}" | grep . | median)" "$req" "$bytes"
done
