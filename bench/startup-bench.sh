#!/usr/bin/env bash
# Start-up benchmark: what loading a plugin costs on top of Maven's own start.
#   bare:   `mvn validate` of an empty project (no plugin runs)
#   help:   this plugin's help goal on the same project
#   skip:   this plugin's build goal with -Ddocker.skip (its realm, its skip check, nothing else)
#   jib:    Jib's build goal with -Djib.skip, the peer a Java team would pick instead
# Each side runs in turn, RUNS rounds (default 7); the table gives median (min-max) in seconds,
# each plugin's cost beyond bare Maven and its ratio to Jib's, and each realm's jars and size
# (read from Maven's own -X listing of the realm it populated).
# Needs the plugin installed (./mvnw install -DskipTests -DskipITs) and network once for Jib.
set -euo pipefail
cd "$(dirname "$0")"
. ./turns.sh
RUNS=${RUNS:-7}
MVN="../mvnw -B -q -o -f startup/pom.xml"
OURS=io.github.dockerbuild:docker-build-maven-plugin:${PLUGIN_VERSION:-0.1.0-SNAPSHOT}
JIB=com.google.cloud.tools:jib-maven-plugin:${JIB_VERSION:-3.4.6}

../mvnw -B -q -f startup/pom.xml "$JIB:build" -Djib.skip >/dev/null   # fetch Jib once, online

bare() { $MVN validate >/dev/null; }
help() { $MVN "$OURS:help" >/dev/null; }
skip() { $MVN "$OURS:build" -Ddocker.skip >/dev/null; }
jib() { $MVN "$JIB:build" -Djib.skip >/dev/null; }

# jars and MB of the plugin realm Maven populated for GOAL
realm() {
  local repo=${MAVEN_REPO:-$HOME/.m2/repository}
  ../mvnw -B -o -X -f startup/pom.xml "$@" 2>&1 |
    awk '/Populating class realm plugin>/{on=1; next} on && /Included:/{print $NF; next} on {on=0}' |
    while IFS=: read -r g a _ v; do echo "$repo/${g//.//}/$a/$v/$a-$v.jar"; done |
    xargs du -b | awk '{n++; s+=$1} END {printf "%d jars, %.1f MB", n, s/1e6}'
}

turns bare help skip jib

# beyond bare Maven: the median of the round-by-round differences (turns.sh)
beyond() { paired_median "$1" bare; }
printf '\nstart-up on an empty project, %s rounds, seconds: median (min-max)\n\n' "$RUNS"
printf '| run | wall time | beyond bare Maven | / Jib beyond bare | realm |\n|---|---|---|---|---|\n'
printf '| mvn validate (bare Maven) | %s | | | |\n' "$(cell bare)"
jb=$(beyond jib)
printf '| Jib build -Djib.skip | %s | %s | 1.00 | %s |\n' "$(cell jib)" "$jb" "$(realm "$JIB:build" -Djib.skip)"
printf '| docker-build:help | %s | %s | %s | %s |\n' "$(cell help)" "$(beyond help)" "$(ratio "$(beyond help)" "$jb")" \
  "$(realm "$OURS:help")"
printf '| docker-build:build -Ddocker.skip | %s | %s | %s | %s |\n' "$(cell skip)" "$(beyond skip)" \
  "$(ratio "$(beyond skip)" "$jb")" "$(realm "$OURS:build" -Ddocker.skip)"
