#!/usr/bin/env bash
# Benchmark of the publish goal against `docker buildx imagetools create`: the same two per-arch
# images (the bench sample, built by the plugin) become one index under a new tag. Both go through
# a counting proxy in front of the loopback registry, so the table shows wall time (median),
# registry requests and bytes uploaded.
# Needs the stack (.ci/stack-up) and the plugin installed (./mvnw install -DskipTests -DskipITs).
set -euo pipefail
cd "$(dirname "$0")"
. ./proxied.sh

# the per-arch images and this sample's build record
$MVNW -q -B -f sample/pom.xml package -Dbench.registry="$REG" >/dev/null
amd=$(python3 -c "import json;r=json.load(open('sample/target/docker-build/build-record.json'));print([p['digest'] for p in r['build']['platforms'] if p['platform']=='linux/amd64'][0])")
arm=$(python3 -c "import json;r=json.load(open('sample/target/docker-build/build-record.json'));print([p['digest'] for p in r['build']['platforms'] if p['platform']=='linux/arm64'][0])")

# another tag drops the build from the record (it belongs to other tags), so the digests are given
plugin() { $MVNW -q -B -f sample/pom.xml docker-build:publish -Dbench.registry="$REG" -Ddocker.tags=pub-plugin \
  "-Ddocker.publish.digests=linux/amd64=$amd,linux/arm64=$arm" >/dev/null; }
imagetools() { docker buildx imagetools create -t "$REG/bench/plugin:pub-raw" "$REG/bench/plugin@$amd" "$REG/bench/plugin@$arm" >/dev/null 2>&1; }

compare "publish of a 2-platform index under one new tag, same repository" \
  "plugin=plugin (mvn docker-build:publish, alone)" "imagetools=docker buildx imagetools create"
