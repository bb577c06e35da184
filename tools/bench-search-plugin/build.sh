#!/usr/bin/env bash
# Builds the test-only Lavalink plugin of the real-Lavalink bench (ytsearch:/ytmsearch:, video ids and
# playlist links answered from the bench's media catalogue) with plain javac, against the plugin API,
# lavaplayer and Spring jars inside the Lavalink jar. Output: tools/bench-search-plugin/build/plugins/
# (git-ignored), which the testkit's RealLavalinkNode loads when it exists.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${LAVALINK_JAR:-$here/../../../shared/lavalink/Lavalink.jar}"
if [ ! -f "$jar" ]; then
  echo "No Lavalink jar at $jar (set LAVALINK_JAR); the bench search plugin is not built." >&2
  exit 1
fi
javac_bin="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
jar_bin="${JAVA_HOME:+$JAVA_HOME/bin/}jar"
build="$here/build"
rm -rf "$build"
mkdir -p "$build/lib" "$build/classes" "$build/plugins"
(cd "$build/lib" && unzip -q -j -o "$jar" \
  'BOOT-INF/lib/plugin-api-*.jar' 'BOOT-INF/lib/lavaplayer-[0-9]*.jar' 'BOOT-INF/lib/spring-context-*.jar')
classpath="$(find "$build/lib" -name '*.jar' | sort | tr '\n' ':')"
"$javac_bin" --release 17 -nowarn -cp "$classpath" -d "$build/classes" $(find "$here/src" -name '*.java')
cp -r "$here/resources/." "$build/classes/"
"$jar_bin" --create --file "$build/plugins/accord-bench-search.jar" -C "$build/classes" .
echo "Built $build/plugins/accord-bench-search.jar"
