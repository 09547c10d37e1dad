# Sourced by ./perp and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Keeps JAVA_HOME when it already names one; otherwise prefers Temurin 25, then any JDK >= 21
# under /usr/lib/jvm. Prints how to fix it when there is none.
perp_java_major() {
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}
perp_find_java_home() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(perp_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "perp needs a JDK 21 or newer (we build with Temurin 25). Install one and set JAVA_HOME." >&2
  return 1
}
