# Shared by the bench scripts: start Piaf on its own embedded PostgreSQL, wait, measure CPU, stop.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
J=""
for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do [[ -x "$d/bin/java" ]] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && { J=$d/bin/java; break; }; done

build_piaf() { (cd "$ROOT" && ./piaf mvn -q -DskipTests package); }

# start_piaf <workdir> <http port> <pg port> [extra args...]; PIAF_JAR runs another build (a before/after comparison)
# Rate limits are off: a benchmark creates thousands of users and sign-ins from one address in seconds. The embedded
# PostgreSQL asks for the password Piaf generated beside its data; psql and pgbench get it as PGPASSWORD.
start_piaf() {
  local work=$1 port=$2 pgport=$3; shift 3
  mkdir -p "$work"
  "$J" ${PIAF_JAVA_OPTS:--Xmx512m -XX:+UseParallelGC} -jar ${PIAF_JAR:-"$ROOT"/app/target/piaf-app-*.jar} --server.port="$port" \
    --piaf.database.embedded.data-dir="$work/pg" --piaf.database.embedded.port="$pgport" \
    --piaf.secrets.dir="$work/secrets" --piaf.rate-limits.enabled=false "$@" >"$work/piaf.log" 2>&1 &
  PIAF_PID=$!
  for _ in $(seq 1 240); do
    curl -sf "http://localhost:$port/actuator/health" >/dev/null 2>&1 && { export PGPASSWORD; PGPASSWORD=$(cat "$work/pg/piaf.password"); return 0; }
    kill -0 "$PIAF_PID" 2>/dev/null || { echo "Piaf died, see $work/piaf.log" >&2; tail -20 "$work/piaf.log" >&2; return 1; }
    sleep 0.5
  done
  echo "Piaf did not become healthy" >&2; return 1
}

# SIGTERM: a background job of a non-interactive shell ignores SIGINT.
stop_piaf() { [[ -n "${PIAF_PID:-}" ]] && kill -TERM "$PIAF_PID" 2>/dev/null && wait "$PIAF_PID" 2>/dev/null || true; }

# CPU ticks used so far by one process alone (utime + stime): the JVM, without the PostgreSQL it started.
cpu_of_process() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# CPU ticks used so far by PostgreSQL: the postmaster, the backends it has reaped (cutime + cstime) and the live ones.
cpu_of_postgres() {
  local pm=$1 total p
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
  for p in $(pgrep -P "$pm" 2>/dev/null); do
    [[ -r /proc/$p/stat ]] && total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}
postmaster_pid() { head -1 "$1/pg/postmaster.pid"; }
ticks() { getconf CLK_TCK; }

# The median of numbers on stdin, one per line (the lower middle of an even count).
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
