#!/usr/bin/env bash
# Benchmark of the build goal: the same two-platform image (linux/amd64 native, linux/arm64 under
# QEMU) built and pushed with zstd
#   plugin: through the plugin (mvn package: metadata, then build, both platforms in parallel)
#   raw:    through the equivalent raw `docker buildx build` commands, both platforms in parallel
#   bare:   `mvn validate` of an empty project: Maven's own start
# cold (builder cache pruned, local images and the plugin's build record removed before each run: a
# fresh checkout), warm (nothing changed: the plugin finds the image up to date and runs no build)
# and forced (warm, with -Ddocker.build.force=true: the plugin builds anyway, so (plugin - bare) / raw
# is what it adds to the buildx work it drives).
# Each side runs in turn, RUNS rounds (default 5); the table gives median (min-max) and
# (plugin - bare Maven) / raw: what the plugin adds to the buildx work it drives, as a ratio.
# Needs the stack (.ci/stack-up) and the plugin installed (./mvnw install -DskipTests -DskipITs).
set -euo pipefail
cd "$(dirname "$0")"
. ./turns.sh
. ./raw-buildx.sh
RUNS=${RUNS:-5}
REG=${BENCH_REGISTRY:-127.0.0.1:5000}
MVN="../mvnw -B -q -o"

clean() {
  docker image rm --force "$REG/bench/plugin:1.0.0-amd64" "$REG/bench/plugin:1.0.0-arm64" \
    "$REG/bench/raw:1.0.0-amd64" "$REG/bench/raw:1.0.0-arm64" >/dev/null 2>&1 || true
  docker buildx prune -af >/dev/null
  rm -rf sample/target/docker-build
}


raw() { raw_one "$REG" linux/amd64 amd64 "$(mktemp)" & a=$!; raw_one "$REG" linux/arm64 arm64 "$(mktemp)" & b=$!; wait $a; wait $b; }
plugin() { $MVN -f sample/pom.xml package -Dbench.registry="$REG" ${FORCE:+-Ddocker.build.force=true} >/dev/null; }
bare() { $MVN -f startup/pom.xml validate >/dev/null; }
before() { if [ "$MODE" = cold ] && [ "$1" != bare ]; then clean; fi; }

printf '\nbuild of a 2-platform image (linux/amd64 + linux/arm64 under QEMU), pushed with zstd; %s rounds, seconds: median (min-max)\n\n' "$RUNS"
printf '| case | plugin (mvn package) | raw buildx | bare Maven | (plugin - bare Maven) / raw |\n|---|---|---|---|---|\n'
for MODE in cold warm forced; do
  FORCE=; [ "$MODE" = forced ] && FORCE=1
  if [ "$MODE" = warm ]; then plugin; raw; fi   # prime the caches
  turns plugin raw bare
  printf '| %s | %s | %s | %s | %s |\n' "$MODE" "$(cell plugin)" "$(cell raw)" "$(cell bare)" \
    "$(ratio "$(paired_median plugin bare)" "$(median raw)")"
done
