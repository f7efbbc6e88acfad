#!/usr/bin/env bash
# Benchmark of the verify goal against `cosign verify --key`: one signed multi-arch base image
# (a copy of the stack's base image, signed here with a fresh key by the cosign CLI) is resolved
# and its signature verified. Both go through the counting proxy in front of the loopback
# registry, so the table shows wall time (median), registry requests and bytes uploaded.
# Needs the stack (.ci/stack-up) and the plugin installed (./mvnw install -DskipTests -DskipITs).
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-5}
UPSTREAM=${BENCH_UPSTREAM:-5000}
PORT=${BENCH_PROXY_PORT:-5009}
REG=127.0.0.1:$PORT
MVNW=../mvnw
work=$(mktemp -d)

python3 ../it/src/it/lib/registry-proxy.py --port "$PORT" --upstream "127.0.0.1:$UPSTREAM" & proxy=$!
trap 'kill $proxy 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fsS "http://$REG/v2/" >/dev/null 2>&1 && break; sleep 0.1; done

# the signed base image
base="$REG/bench/verify-base:1"
docker buildx imagetools create -t "$base" "$REG/test/busybox:1" >/dev/null 2>&1
(cd "$work" && COSIGN_PASSWORD=bench cosign generate-key-pair >/dev/null 2>&1)
COSIGN_PASSWORD=bench cosign sign --key "$work/cosign.key" --tlog-upload=false --allow-insecure-registry --yes \
  "$base" >/dev/null 2>&1
curl -fsS "http://$REG/__proxy/count" >/dev/null

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m}'; }

plugin() { $MVNW -q -B -f sample/pom.xml docker-build:metadata docker-build:verify -Dbench.registry="$REG" \
  -Dbench.base="$base" -Ddocker.verify.baseImages=BASE_IMAGE -Ddocker.verify.basePolicy.publicKey="$work/cosign.pub" \
  -Ddocker.verify.basePolicy.insecureIgnoreTlog=true -Ddocker.verify.formats=legacy >/dev/null; }
cosign_cli() { cosign verify --key "$work/cosign.pub" --insecure-ignore-tlog=true --allow-insecure-registry "$base" \
  >/dev/null 2>&1; }
mvn_only() { $MVNW -q -B -f sample/pom.xml docker-build:metadata docker-build:verify -Ddocker.skip=true >/dev/null; }

declare -A times counts
for name in plugin cosign_cli mvn_only; do times[$name]=""; done
for _ in $(seq 1 "$RUNS"); do
  for name in plugin cosign_cli mvn_only; do
    s=$(now); $name; times[$name]+="$(echo "$(now) - $s" | bc)"$'\n'
    counts[$name]=$(curl -fsS "http://$REG/__proxy/count")
  done
done

printf '\nverify of one signed multi-arch base image with a key; median of %s runs\n\n' "$RUNS"
printf '| tool | wall time (s) | registry requests | bytes uploaded |\n|---|---|---|---|\n'
for name in plugin cosign_cli mvn_only; do
  read -r req bytes <<<"${counts[$name]}"
  label=$name; [ $name = plugin ] && label="plugin (mvn docker-build:verify)"
  [ $name = cosign_cli ] && label="cosign verify --key"
  [ $name = mvn_only ] && label="mvn start, goals skipped"
  printf '| %s | %s | %s | %s |\n' "$label" "$(printf '%s' "${times[$name]}" | grep . | median)" "$req" "$bytes"
done
