#!/usr/bin/env bash
# Local single-node Kafka broker (KRaft combined broker+controller), run
# straight from the Maven-resolved jars: no Docker, no Kafka tarball.
#
# Usage: scripts/infra/kafka.sh <command>
#   up        download jars if needed, format storage once, start, wait ready
#   down      clean stop (SIGTERM, bounded wait, then SIGKILL)
#   kill      SIGKILL immediately (fault-injection tests)
#   restart   down, then up
#   status    print running/stopped; exit 0 only when running and answering
#   logs      print the broker log (logs -f to follow, logs N for N lines)
#   topics    run kafka-topics (TopicCommand) against the local broker
#   run-class CLASS [ARGS...]  run any Java main class on the Kafka classpath
#
# Environment: KAFKA_PORT (9092; controller uses KAFKA_PORT+1), KAF_DATA_DIR,
# KAFKA_HEAP_OPTS, KAFKA_OPTS, KAFKA_START_TIMEOUT, KAFKA_STOP_TIMEOUT,
# KAF_CACHE_DIR (jar cache, ~/.cache/kaf), KAFKA_HOME (a local Kafka distribution).
# See scripts/infra/README.md.
set -euo pipefail

# shellcheck disable=SC2034 # read by the helpers in _lib.sh
LOG_TAG=kafka
# shellcheck source-path=SCRIPTDIR source=_lib.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/_lib.sh"

KAFKA_HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
if ! [[ "${KAFKA_PORT}" =~ ^[0-9]+$ ]] || ((KAFKA_PORT < 1 || KAFKA_PORT > 65534)); then
  die "KAFKA_PORT must be a TCP port number below 65535, got '${KAFKA_PORT}'"
fi
CONTROLLER_PORT=$((KAFKA_PORT + 1))
BOOTSTRAP="${KAFKA_HOST}:${KAFKA_PORT}"

POM="${INFRA_DIR}/pom.xml"
POM_STAMP="$(sha256sum "${POM}" | cut -d' ' -f1)"
# The jars live outside the clone, as Maven's own repository does, one directory per pom.xml
# version, so that every clone on the machine shares them. KAFKA_HOME runs the broker from a
# local Kafka distribution's libs/ instead.
CACHE_DIR="${KAF_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME}/.cache}/kaf}/kafka"
if [[ -n "${KAFKA_HOME:-}" ]]; then
  LIBS_DIR="${KAFKA_HOME%/}/libs"
else
  LIBS_DIR="${CACHE_DIR}/libs-${POM_STAMP:0:16}"
fi

KDIR="${KAF_DATA}/kafka"
LOG_DIRS="${KDIR}/data"
PROPS="${KDIR}/server.properties"
LOG4J="${KDIR}/log4j.properties"
TOOLS_LOG4J="${KDIR}/tools-log4j.properties"
PID_FILE="${KDIR}/kafka.pid"
SERVER_LOG="${KDIR}/server.log"
OUT_LOG="${KDIR}/kafka.out"
CLUSTER_ID_FILE="${KDIR}/cluster.id"
LOCK_FILE="${KDIR}/.lock"

START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-60}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"

# JVM flags for the short-lived internal tool runs (format, uuid): favour
# start-up time over peak throughput.
FAST_TOOL_OPTS=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)

now_ms() {
  local t="${EPOCHREALTIME//[.,]/}"
  echo $((t / 1000))
}

fmt_ms() { printf '%d.%01ds' $(($1 / 1000)) $((($1 % 1000) / 100)); }

# ---------------------------------------------------------------- tooling --

ensure_cmd() {
  local cmd="$1" pkg="$2"
  if ! command -v "${cmd}" >/dev/null 2>&1; then
    log "'${cmd}' not found; installing Debian package ${pkg}"
    apt_install "${pkg}"
  fi
}

# Resolve the broker/tool jars into the cache's libs directory for this pom.xml.
# The directory is named and stamped after pom.xml's checksum so a version bump
# downloads afresh (and leaves other clones' versions alone), and it
# is built in a temporary directory so an interrupted download never leaves a
# half-filled libs/ behind.
ensure_libs() {
  local stamp="${POM_STAMP}"
  if [[ -n "${KAFKA_HOME:-}" ]]; then
    compgen -G "${LIBS_DIR}/kafka_2.13-*.jar" >/dev/null ||
      die "KAFKA_HOME=${KAFKA_HOME} is not a Kafka distribution: no kafka_2.13-*.jar in ${LIBS_DIR}"
    ensure_cmd java default-jre-headless
    return 0
  fi
  if [[ -f "${LIBS_DIR}/.complete" && "$(<"${LIBS_DIR}/.complete")" == "${stamp}" ]]; then
    return 0
  fi
  ensure_cmd java default-jre-headless
  ensure_cmd mvn maven
  mkdir -p "${CACHE_DIR}"
  exec 8>"${CACHE_DIR}/.lock"
  flock -w 900 8 || die "timed out waiting for another Maven download (${CACHE_DIR}/.lock)"
  if [[ -f "${LIBS_DIR}/.complete" && "$(<"${LIBS_DIR}/.complete")" == "${stamp}" ]]; then
    exec 8>&-
    return 0
  fi
  local tmp="${CACHE_DIR}/libs.tmp.$$" mvn_log="${CACHE_DIR}/maven.log" t0
  rm -rf -- "${tmp}"
  log "resolving Kafka jars with Maven (${POM}) ..."
  t0="$(now_ms)"
  if ! mvn -B -q -Dstyle.color=never -f "${POM}" \
    dependency:copy-dependencies -DoutputDirectory="${tmp}" >"${mvn_log}" 2>&1; then
    tail_file "${mvn_log}" 60
    rm -rf -- "${tmp}"
    die "Maven could not resolve the Kafka jars (full log: ${mvn_log})"
  fi
  compgen -G "${tmp}/kafka_2.13-*.jar" >/dev/null ||
    die "Maven finished but no kafka_2.13 jar landed in ${tmp}"
  echo "${stamp}" >"${tmp}/.complete"
  rm -rf -- "${LIBS_DIR}"
  mv -- "${tmp}" "${LIBS_DIR}"
  exec 8>&-
  local n
  n="$(find "${LIBS_DIR}" -maxdepth 1 -name '*.jar' | wc -l)"
  log "${n} jars in ${LIBS_DIR} (Maven took $(fmt_ms $(($(now_ms) - t0))))"
}

write_tools_log4j() {
  mkdir -p "${KDIR}"
  cat >"${TOOLS_LOG4J}" <<'EOF'
# Generated by scripts/infra/kafka.sh: logging for command-line tools.
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# java_class [JVM_OPTS...] -- CLASS [ARGS...]: run a Java main class on the
# Kafka classpath with the quiet tools logging config.
java_class() {
  local -a jvm=()
  while (($# > 0)) && [[ "$1" != "--" ]]; do
    jvm+=("$1")
    shift
  done
  (($# > 1)) || die "java_class: missing '-- CLASS'"
  shift
  java ${jvm[@]+"${jvm[@]}"} -Dlog4j.configuration="file:${TOOLS_LOG4J}" \
    -cp "${LIBS_DIR}/*" "$@"
}

# ------------------------------------------------------------ config/state --

write_config() {
  mkdir -p "${KDIR}" "${LOG_DIRS}"
  cat >"${PROPS}" <<EOF
# Generated by scripts/infra/kafka.sh on every 'up'; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${KAFKA_HOST}:${CONTROLLER_PORT}
listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},CONTROLLER://${KAFKA_HOST}:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${LOG_DIRS}
num.partitions=3
default.replication.factor=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# After an unclean stop (kill -9) the restarted broker cannot register until
# the previous registration's session expires (default 9s); single-node dev
# broker, so keep that short to make kill/up fault tests fast.
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=3000
num.recovery.threads.per.data.dir=2
log.retention.hours=168
EOF
  cat >"${LOG4J}" <<EOF
# Generated by scripts/infra/kafka.sh: broker logging.
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=${SERVER_LOG}
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=5
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel\$=WARN
log4j.logger.state.change.logger=INFO
log4j.logger.kafka.authorizer.logger=INFO
EOF
  write_tools_log4j
}

# Format the KRaft storage once: only while meta.properties is absent. The
# cluster id is kept in the data dir so a wiped log dir is re-formatted with
# the same id.
ensure_formatted() {
  [[ -f "${LOG_DIRS}/meta.properties" ]] && return 0
  local cluster_id=""
  [[ -s "${CLUSTER_ID_FILE}" ]] && cluster_id="$(<"${CLUSTER_ID_FILE}")"
  if [[ -z "${cluster_id}" ]]; then
    cluster_id="$(java_class "${FAST_TOOL_OPTS[@]}" -- kafka.tools.StorageTool random-uuid)" ||
      die "kafka.tools.StorageTool random-uuid failed"
    cluster_id="${cluster_id//[[:space:]]/}"
    echo "${cluster_id}" >"${CLUSTER_ID_FILE}"
  fi
  log "formatting KRaft storage in ${LOG_DIRS} (cluster id ${cluster_id})"
  java_class "${FAST_TOOL_OPTS[@]}" -- kafka.tools.StorageTool format \
    -t "${cluster_id}" -c "${PROPS}" --ignore-formatted >&2 ||
    die "kafka.tools.StorageTool format failed"
}

# True when PID is a live (non-zombie) broker started with our config.
is_our_broker() {
  local pid="$1" state cmdline
  [[ -r "/proc/${pid}/stat" ]] || return 1
  state="$(cut -d' ' -f3 "/proc/${pid}/stat" 2>/dev/null)" || return 1
  [[ "${state}" != "Z" && "${state}" != "X" ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null)" || return 1
  [[ "${cmdline}" == *"kafka.Kafka ${PROPS} "* ]]
}

# Print the pid of our running broker. Falls back to scanning /proc when the
# pid file is missing or stale (e.g. it was deleted by hand).
running_pid() {
  local pid=""
  if [[ -f "${PID_FILE}" ]]; then
    pid="$(<"${PID_FILE}")"
    if [[ "${pid}" =~ ^[0-9]+$ ]] && is_our_broker "${pid}"; then
      echo "${pid}"
      return 0
    fi
  fi
  local d
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    if is_our_broker "${pid}"; then
      echo "${pid}" >"${PID_FILE}"
      echo "${pid}"
      return 0
    fi
  done
  return 1
}

# Ask the broker for cluster metadata over a raw socket (Metadata v1 with an
# empty topic list) and succeed when it lists at least one live broker. A
# KRaft broker only serves requests once it has caught up with the metadata
# log, and lists itself only once it is unfenced, so success means clients
# can produce, consume and create topics. Takes milliseconds, no JVM.
broker_ready() {
  (
    exec 3<>"/dev/tcp/${KAFKA_HOST}/${KAFKA_PORT}" || exit 1
    # size=19 | api_key=3 api_version=1 correlation_id=0x6b6166 client_id="kafsh" | topics=[]
    printf '\x00\x00\x00\x13\x00\x03\x00\x01\x00\x6b\x61\x66\x00\x05kafsh\x00\x00\x00\x00' >&3 || exit 1
    # Response: size(4) correlation_id(4) brokers_count(4) ...
    local -a b
    read -r -a b <<<"$(timeout 3 head -c 12 <&3 | od -An -v -tu1)"
    ((${#b[@]} == 12)) || exit 1
    [[ "${b[4]} ${b[5]} ${b[6]} ${b[7]}" == "0 107 97 102" ]] || exit 1
    ((((b[8] << 24) | (b[9] << 16) | (b[10] << 8) | b[11]) >= 1))
  ) 2>/dev/null
}

# ---------------------------------------------------------------- commands --

fail_start() {
  local pid="$1" msg="$2"
  warn "${msg}"
  tail_file "${OUT_LOG}" 20
  tail_file "${SERVER_LOG}" 60
  if [[ -n "${pid}" ]] && is_our_broker "${pid}"; then
    warn "stopping the half-started broker (pid ${pid})"
    stop_broker "${pid}" >/dev/null || true
  fi
  die "Kafka did not become ready on ${BOOTSTRAP}; full logs: ${SERVER_LOG} ${OUT_LOG}"
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  while ! broker_ready; do
    is_our_broker "${pid}" || fail_start "" "broker process ${pid} exited during start-up"
    ((SECONDS < deadline)) || fail_start "${pid}" "broker not answering after ${START_TIMEOUT}s"
    sleep 0.2
  done
}

cmd_up() {
  mkdir -p "${KDIR}"
  local pid t0 t1
  if pid="$(running_pid)"; then
    if ! broker_ready; then
      log "broker pid ${pid} is running but not answering yet; waiting up to ${START_TIMEOUT}s"
      wait_ready "${pid}"
    fi
    echo "kafka     ready    ${BOOTSTRAP}  pid ${pid} (already running)"
    return 0
  fi
  rm -f -- "${PID_FILE}"
  if tcp_open "${KAFKA_HOST}" "${KAFKA_PORT}" || tcp_open "${KAFKA_HOST}" "${CONTROLLER_PORT}"; then
    die "port ${KAFKA_PORT} or ${CONTROLLER_PORT} on ${KAFKA_HOST} is taken by another process (not the broker of ${KDIR}); stop it or set KAFKA_PORT"
  fi

  ensure_libs
  ensure_cmd java default-jre-headless
  write_config
  ensure_formatted

  local -a heap extra
  read -r -a heap <<<"${HEAP_OPTS}"
  read -r -a extra <<<"${KAFKA_OPTS:-}"
  printf '===== %s starting broker on %s =====\n' "$(date -Is)" "${BOOTSTRAP}" >>"${OUT_LOG}"
  log "starting broker on ${BOOTSTRAP} (controller ${KAFKA_HOST}:${CONTROLLER_PORT}), data in ${KDIR}"
  t0="$(now_ms)"
  # shellcheck disable=SC2016 # $$, $1 and $@ belong to the inner shell
  # setsid: own session, so the broker outlives the calling shell and its
  # process group. The wrapper shell records its pid and execs java, so the
  # pid file holds the JVM's pid. fd 9 (our lock) is closed for the broker.
  nohup setsid bash -c 'echo "$$" >"$1"; shift; exec "$@"' _ "${PID_FILE}" \
    java "${heap[@]}" \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dkafka.logs.dir="${KDIR}" -Dlog4j.configuration="file:${LOG4J}" \
    ${extra[@]+"${extra[@]}"} \
    -cp "${LIBS_DIR}/*" kafka.Kafka "${PROPS}" \
    >>"${OUT_LOG}" 2>&1 </dev/null 9>&- &

  wait_until 10 "the broker pid file" test -s "${PID_FILE}" ||
    fail_start "" "broker launcher did not write ${PID_FILE}"
  pid="$(<"${PID_FILE}")"
  wait_ready "${pid}"
  t1="$(now_ms)"
  echo "kafka     ready    ${BOOTSTRAP}  pid ${pid} (started in $(fmt_ms $((t1 - t0))))"
}

# stop_broker PID [SIGNAL]: send SIGNAL (TERM by default), wait for exit.
stop_broker() {
  local pid="$1" sig="${2:-TERM}" timeout deadline
  if [[ "${sig}" == KILL ]]; then timeout=10; else timeout="${STOP_TIMEOUT}"; fi
  kill "-${sig}" "${pid}" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while is_our_broker "${pid}"; do
    if ((SECONDS >= deadline)); then
      if [[ "${sig}" == KILL ]]; then
        die "broker pid ${pid} still alive ${timeout}s after SIGKILL"
      fi
      warn "broker pid ${pid} still running ${timeout}s after SIGTERM; sending SIGKILL"
      kill -KILL "${pid}" 2>/dev/null || true
      sig=KILL
      timeout=10
      deadline=$((SECONDS + timeout))
    fi
    sleep 0.2
  done
  rm -f -- "${PID_FILE}"
}

cmd_down() {
  local pid t0
  if ! pid="$(running_pid)"; then
    rm -f -- "${PID_FILE}"
    echo "kafka     stopped  ${BOOTSTRAP}  (was not running)"
    return 0
  fi
  log "stopping broker pid ${pid} (SIGTERM, up to ${STOP_TIMEOUT}s)"
  t0="$(now_ms)"
  stop_broker "${pid}" TERM
  echo "kafka     stopped  ${BOOTSTRAP}  pid ${pid} (in $(fmt_ms $(($(now_ms) - t0))))"
}

cmd_kill() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f -- "${PID_FILE}"
    echo "kafka     stopped  ${BOOTSTRAP}  (was not running)"
    return 0
  fi
  stop_broker "${pid}" KILL
  echo "kafka     killed   ${BOOTSTRAP}  pid ${pid} (SIGKILL)"
}

cmd_restart() {
  cmd_down
  cmd_up
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    if broker_ready; then
      echo "kafka     running  ${BOOTSTRAP}  pid ${pid}  data ${KDIR}"
      return 0
    fi
    echo "kafka     running  ${BOOTSTRAP}  pid ${pid}  NOT ANSWERING (starting or hung; see '$0 logs')"
    return 1
  fi
  if broker_ready; then
    echo "kafka     stopped  ${BOOTSTRAP}  (no broker from ${KDIR}, but another broker answers on this port)"
  else
    echo "kafka     stopped  ${BOOTSTRAP}"
  fi
  return 1
}

cmd_logs() {
  [[ -f "${SERVER_LOG}" ]] || die "no broker log yet at ${SERVER_LOG}"
  case "${1:-}" in
    -f | --follow) exec tail -n 50 -F -- "${SERVER_LOG}" ;;
    '') tail -n 100 -- "${SERVER_LOG}" ;;
    *[!0-9]*) die "usage: $0 logs [-f|N]" ;;
    *) tail -n "$1" -- "${SERVER_LOG}" ;;
  esac
}

cmd_run_class() {
  (($# >= 1)) || die "usage: $0 run-class CLASS [ARGS...]"
  ensure_libs
  write_tools_log4j
  local -a opts
  read -r -a opts <<<"${KAFKA_TOOL_OPTS:--Xmx512m}"
  java_class "${opts[@]}" -- "$@"
}

cmd_topics() {
  ensure_libs
  write_tools_log4j
  java_class "${FAST_TOOL_OPTS[@]}" -- org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "${BOOTSTRAP}" "$@"
}

with_lock() {
  mkdir -p "${KDIR}"
  exec 9>"${LOCK_FILE}"
  flock -w $((START_TIMEOUT + STOP_TIMEOUT + 30)) 9 ||
    die "another kafka.sh is still working on ${KDIR} (lock ${LOCK_FILE})"
  "$@"
}

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

main() {
  local cmd="${1:-}"
  (($# > 0)) && shift
  case "${cmd}" in
    up) with_lock cmd_up ;;
    down | stop) with_lock cmd_down ;;
    kill) with_lock cmd_kill ;;
    restart) with_lock cmd_restart ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    topics) cmd_topics "$@" ;;
    run-class) cmd_run_class "$@" ;;
    -h | --help | help) usage ;;
    *) usage ;;
  esac
}

main "$@"
