#!/usr/bin/env bash
# Where the time of a goal named alone goes: bare Maven (`validate` of an empty project), the verify
# goal skipped, verify and publish, each run RUNS times in turn under a wall-clock profiler
# (async-profiler, taken from Maven Central), and their main thread's samples put in parts: Maven's
# start-up and the project model, the plugin's descriptor, the realm's dependencies, the mojo's
# configuration, then the goal's plan, registry work and signature check (goal-profile.py).
# The same goals and images as verify-bench.sh and publish-bench.sh, without the counting proxy.
# Needs the stack (.ci/stack-up) and the plugin installed (./mvnw install -DskipTests -DskipITs).
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-5}
REG=127.0.0.1:${BENCH_UPSTREAM:-5000}
MVNW="../mvnw -o -q -B"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

AP_VERSION=${ASYNC_PROFILER_VERSION:-3.0}
ap_jar=${MAVEN_REPO:-$HOME/.m2/repository}/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION.jar
[ -f "$ap_jar" ] || ../mvnw -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$AP_VERSION" >/dev/null
case "$(uname -m)" in aarch64|arm64) arch=linux-arm64 ;; *) arch=linux-x64 ;; esac
unzip -q -o "$ap_jar" "$arch/libasyncProfiler.so" -d "$work"
agent=$work/$arch/libasyncProfiler.so

# the signed base image verify checks, as in verify-bench.sh
base="$REG/bench/verify-base:1"
docker buildx imagetools create -t "$base" "$REG/test/busybox:1" >/dev/null 2>&1
# one signature, this run's: cosign adds a layer to the image's signature manifest at every signing,
# and a verifier tries each layer until one matches, so without this each run would check more
cosign clean --type=signature --force --allow-insecure-registry "$base" >/dev/null 2>&1
(cd "$work" && COSIGN_PASSWORD=bench cosign generate-key-pair >/dev/null 2>&1)
COSIGN_PASSWORD=bench cosign sign --key "$work/cosign.key" --tlog-upload=false --allow-insecure-registry --yes \
  "$base" >/dev/null 2>&1
# the two per-arch images publish puts under an index, as in publish-bench.sh
$MVNW -f sample/pom.xml package -Dbench.registry="$REG" >/dev/null
digest() { python3 -c "import json,sys;r=json.load(open('sample/target/docker-build/build-record.json'));print([p['digest'] for p in r['build']['platforms'] if p['platform']==sys.argv[1]][0])" "$1"; }
amd=$(digest linux/amd64)
arm=$(digest linux/arm64)

verify_args=(-Dbench.registry="$REG" -Dbench.base="$base" -Ddocker.verify.baseImages=BASE_IMAGE
  -Ddocker.verify.basePolicy.publicKey="$work/cosign.pub" -Ddocker.verify.basePolicy.insecureIgnoreTlog=true
  -Ddocker.verify.formats=legacy)
bare() { $MVNW -f startup/pom.xml validate; }
skipped() { $MVNW -f sample/pom.xml docker-build:verify "${verify_args[@]}" -Ddocker.verify.skip=true; }
verify() { $MVNW -f sample/pom.xml docker-build:verify "${verify_args[@]}"; }
publish() { $MVNW -f sample/pom.xml docker-build:publish -Dbench.registry="$REG" -Ddocker.tags=pub-plugin \
  "-Ddocker.publish.digests=linux/amd64=$amd,linux/arm64=$arm"; }

sides=(bare skipped verify publish)
declare -A files=()
for i in $(seq 1 "$RUNS"); do
  for side in "${sides[@]}"; do
    out=$work/$side-$i.txt
    MAVEN_OPTS="-agentpath:$agent=start,event=wall,interval=1ms,threads,collapsed,file=$out" "$side" >/dev/null
    files[$side]+="$out,"
  done
done

printf '\nmain-thread wall time by part, ms (median of %s profiled runs; the profiler slows each run)\n\n' "$RUNS"
args=()
for side in "${sides[@]}"; do args+=("$side=${files[$side]}"); done
python3 goal-profile.py "${args[@]}"
