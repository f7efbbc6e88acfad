#!/usr/bin/env bash
# `mvn deploy` of a two-platform image (linux/amd64 native, linux/arm64 under QEMU), pushed as one
# multi-arch image, by
#   plugin:  this plugin (metadata, build: both platforms in parallel, zstd; publish: the index)
#   fabric8: the fabric8 docker-maven-plugin (build loads the native platform; push builds both
#            platforms again and pushes gzip layers). Its docker-container builder cannot be made
#            here (no BuildKit image can be pulled): fabric8/bin/docker, first on its PATH, skips its
#            `buildx create` and points its `--builder` at the engine's default builder.
#   raw:     the same two `docker buildx build` commands the plugin runs, in parallel, then
#            `docker buildx imagetools create` for the index
#   bare:    `mvn validate` of an empty project: Maven's own start
# cold (builder cache pruned, local images and the plugin's build record removed before every run: a
# fresh checkout), warm (nothing changed since the last run: the plugin finds its image up to date and
# builds nothing) and forced (warm, but the plugin told to build anyway, -Ddocker.build.force=true:
# what it adds to the buildx work it drives). Each side runs in turn, RUNS rounds (default 5); every push goes through the
# counting proxy, so the table also gives the blobs each run uploaded (a warm rerun should upload none).
# Needs the stack (.ci/stack-up), the plugin installed (./mvnw install -DskipTests -DskipITs) and
# network once for fabric8.
set -euo pipefail
cd "$(dirname "$0")"
. ./proxied.sh
. ./raw-buildx.sh
unset -f after
MVN="../mvnw -B -q -o"
../mvnw -B -q -f fabric8/pom.xml io.fabric8:docker-maven-plugin:0.45.1:help >/dev/null   # fetch fabric8 once, online
# the base image behind the proxy, so every side pulls it the same way
docker buildx imagetools create -t "$REG/test/busybox:1" "127.0.0.1:$UPSTREAM/test/busybox:1" >/dev/null 2>&1

clean() {
  docker image rm --force "$REG/bench/fabric8:1.0.0" >/dev/null 2>&1 || true
  rm -rf sample/target/docker-build
  docker buildx prune -af >/dev/null
}

# raw's metadata files go outside the sample: in its context they would be a change the plugin sees
RAW_OUT=$(mktemp -d)
cleanup_hooks+=("rm -rf $RAW_OUT")
raw() {
  raw_one "$REG" linux/amd64 amd64 "$RAW_OUT/raw-amd64.json" & a=$!
  raw_one "$REG" linux/arm64 arm64 "$RAW_OUT/raw-arm64.json" & b=$!
  wait $a; wait $b
  docker buildx imagetools create -t "$REG/bench/raw:1.0.0" "$REG/bench/raw:1.0.0-amd64" "$REG/bench/raw:1.0.0-arm64" \
    >/dev/null 2>&1
}
plugin() { $MVN -f sample/pom.xml deploy -Dbench.registry="$REG" ${FORCE:+-Ddocker.build.force=true} >/dev/null; }
fabric8() { PATH="$PWD/fabric8/bin:$PATH" $MVN -f fabric8/pom.xml deploy -Dbench.registry="$REG" >/dev/null; }

# blob uploads (POST/PATCH/PUT of .../blobs/uploads/) and their bytes in the last run after a mark
declare -A UPLOADS=()
mark() { curl -fsS "http://$REG/__proxy/mark?name=$1" >/dev/null; }
uploads_since() { # mark name
  python3 - "$JOURNAL" "$1" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
start = max(i for i, l in enumerate(lines) if l == "# mark " + sys.argv[2])
n = size = 0
for line in lines[start + 1:]:
    if line.startswith("# mark "):
        break
    f = line.split("\t")
    if len(f) >= 4 and f[0] in ("POST", "PATCH", "PUT") and "/blobs/uploads/" in f[1]:
        n += 1
        size += int(f[3]) if f[3].isdigit() else 0
print(f"{n} ({size / 1e6:.2f} MB)")
PY
}
before() { # side: untimed, before each timed run
  if [ "$MODE" = cold ] && [ "$1" != c_bare ]; then clean; fi
  mark "$1"
}
c_plugin() { plugin; }
c_fabric8() { fabric8; }
c_raw() { raw; }
c_bare() { bare_maven; }

declare -A RESULT=()
for MODE in cold warm forced; do
  FORCE=; [ "$MODE" = forced ] && FORCE=1
  if [ "$MODE" = warm ]; then plugin; fabric8; raw; fi   # prime: the warm runs change nothing
  turns c_plugin c_fabric8 c_raw c_bare
  mark end
  for side in plugin fabric8 raw bare; do RESULT[$side.$MODE]=$(cell "c_$side"); RESULT[$side.$MODE.m]=$(median "c_$side"); done
  RESULT[beyond.$MODE]=$(paired_median c_plugin c_bare)
  for side in plugin fabric8 raw; do UPLOADS[$side.$MODE]=$(uploads_since "c_$side"); done
done

printf '\nmvn deploy of a 2-platform image, %s rounds, seconds: median (min-max); blobs uploaded by the last run\n\n' "$RUNS"
printf '| case | plugin | fabric8 0.45.1 | plugin / fabric8 | raw buildx + imagetools | bare Maven | (plugin - bare) / raw |\n'
printf '|---|---|---|---|---|---|---|\n'
for MODE in cold warm forced; do
  p=${RESULT[plugin.$MODE.m]}; f=${RESULT[fabric8.$MODE.m]}; r=${RESULT[raw.$MODE.m]}
  printf '| %s | %s; %s | %s; %s | %s | %s; %s | %s | %s |\n' "$MODE" \
    "${RESULT[plugin.$MODE]}" "${UPLOADS[plugin.$MODE]}" "${RESULT[fabric8.$MODE]}" "${UPLOADS[fabric8.$MODE]}" \
    "$(ratio "$p" "$f")" "${RESULT[raw.$MODE]}" "${UPLOADS[raw.$MODE]}" "${RESULT[bare.$MODE]}" \
    "$(ratio "${RESULT[beyond.$MODE]}" "$r")"
done
