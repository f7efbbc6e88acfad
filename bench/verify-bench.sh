#!/usr/bin/env bash
# Benchmark of the verify goal against `cosign verify --key`: one signed multi-arch base image
# (a copy of the stack's base image, signed here with a fresh key by the cosign CLI) is resolved
# and its signature verified. Both go through the counting proxy in front of the loopback
# registry, so the table shows wall time (median), registry requests and bytes uploaded.
# Needs the stack (.ci/stack-up) and the plugin installed (./mvnw install -DskipTests -DskipITs).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
. ./proxied.sh
cleanup_hooks+=("rm -rf $work")

# the signed base image
base="$REG/bench/verify-base:1"
docker buildx imagetools create -t "$base" "$REG/test/busybox:1" >/dev/null 2>&1
# one signature, this run's: cosign adds a layer to the image's signature manifest at every signing,
# and a verifier tries each layer until one matches, so without this each run would check more
cosign clean --type=signature --force --allow-insecure-registry "$base" >/dev/null 2>&1
(cd "$work" && COSIGN_PASSWORD=bench cosign generate-key-pair >/dev/null 2>&1)
COSIGN_PASSWORD=bench cosign sign --key "$work/cosign.key" --tlog-upload=false --allow-insecure-registry --yes \
  "$base" >/dev/null 2>&1

plugin() { $MVNW -q -B -f sample/pom.xml docker-build:verify -Dbench.registry="$REG" \
  -Dbench.base="$base" -Ddocker.verify.baseImages=BASE_IMAGE -Ddocker.verify.basePolicy.publicKey="$work/cosign.pub" \
  -Ddocker.verify.basePolicy.insecureIgnoreTlog=true -Ddocker.verify.formats=legacy >/dev/null; }
cosign_cli() { cosign verify --key "$work/cosign.pub" --insecure-ignore-tlog=true --allow-insecure-registry "$base" \
  >/dev/null 2>&1; }

compare "verify of one signed multi-arch base image with a key" \
  "plugin=plugin (mvn docker-build:verify, alone)" "cosign_cli=cosign verify --key"
