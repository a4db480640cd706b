#!/usr/bin/env bash
# Inspects an image tar written by `mvn -Pimage package` (jib buildTar, docker-save layout) without
# a Docker daemon, and fails unless it is what deploy/ expects: layers present and matching the
# config's diff_ids, the `java ... io.clvstream.app.ClvMain` entrypoint with `run` as default
# command, a non-root user, port 8080 exposed, /var/lib/clv-stream a volume holding state.dir.
#
#   deploy/image/check-image.sh [--run] [target/jib-image.tar]
#
# --run (root only, needs chroot and javac): also unpacks the layers into a temporary root
# filesystem and, as the image's user, runs the image's entrypoint, ImageSmoke.java (RocksDB on
# the volume, trust store, TLS, SASL) and `clv run` in embedded mode until it prints `ready:` —
# the closest thing to `docker run` without a daemon.
set -euo pipefail
RUN=false
if [ "${1:-}" = --run ]; then RUN=true; shift; fi
IMAGE=${1:-target/jib-image.tar}
HERE=$(cd "$(dirname "$0")" && pwd)

python3 - "$IMAGE" <<'PY'
import gzip, hashlib, io, json, sys, tarfile

path = sys.argv[1]
failures = []
def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)

with tarfile.open(path) as tar:
    manifest = json.load(tar.extractfile("manifest.json"))[0]
    config = json.load(tar.extractfile(manifest["Config"]))
    c = config.get("config", {})
    print("image:      %s" % ", ".join(manifest.get("RepoTags") or ["(untagged)"]))
    print("entrypoint: %s" % json.dumps(c.get("Entrypoint")))
    print("cmd:        %s" % json.dumps(c.get("Cmd")))
    print("user:       %s" % c.get("User"))
    print("ports:      %s" % sorted(c.get("ExposedPorts", {})))
    print("volumes:    %s" % sorted(c.get("Volumes", {})))
    print("workdir:    %s" % c.get("WorkingDir"))
    print("env:        %s" % [e for e in c.get("Env", []) if not e.startswith("PATH=")])

    diff_ids = config["rootfs"]["diff_ids"]
    check(len(manifest["Layers"]) == len(diff_ids) >= 3,
          "%d layers, as many as the config's diff_ids (base + dependencies + app)" % len(diff_ids))
    app_files, total, state_mode = set(), 0, 0
    for name, diff_id in zip(manifest["Layers"], diff_ids):
        raw = tar.extractfile(name).read()
        total += len(raw)
        data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        check("sha256:" + hashlib.sha256(data).hexdigest() == diff_id, "layer %s matches its diff_id" % name[:19])
        with tarfile.open(fileobj=io.BytesIO(data)) as layer:
            for m in layer.getmembers():
                app_files.add(("/" + m.name.lstrip("./")).rstrip("/") + ("/" if m.isdir() else ""))
                if m.name.strip("./").rstrip("/") == "var/lib/clv-stream":
                    state_mode = m.mode
    print("size:       %.1f MiB in %d layers" % (total / 2**20, len(diff_ids)))

ep = c.get("Entrypoint") or []
cmd = c.get("Cmd") or []
check(bool(ep) and ep[0] == "java", "entrypoint starts the JVM")
check("io.clvstream.app.ClvMain" in ep, "entrypoint names main class io.clvstream.app.ClvMain")
check(any(a.startswith("-XX:MaxRAMPercentage=") for a in ep), "heap sized from the container limit (MaxRAMPercentage)")
check("-XX:+ExitOnOutOfMemoryError" in ep, "JVM exits on OutOfMemoryError (the platform restarts it)")
main = "io.clvstream.app.ClvMain"
after_main = ep[ep.index(main) + 1:] + cmd if main in ep else []
check(after_main[:1] == ["run"], "the command after the main class is `run` (%s)" % after_main)
user = str(c.get("User") or "")
check(user != "" and user.split(":")[0] not in ("0", "root"), "runs as a non-root user (%s)" % user)
check("8080/tcp" in c.get("ExposedPorts", {}), "exposes 8080 (REST, /health, /ready, /metrics)")
check("/var/lib/clv-stream" in c.get("Volumes", {}), "/var/lib/clv-stream is a volume")
check("CLV_STATE_DIR=/var/lib/clv-stream/state" in c.get("Env", []), "state.dir (CLV_STATE_DIR) is on the volume")
check("CLV_CLV_DATA_DIR=/var/lib/clv-stream/data" in c.get("Env", []), "embedded mode's data dir (CLV_CLV_DATA_DIR) is on the volume")
check("/var/lib/clv-stream/" in app_files and state_mode & 0o002 != 0,
      "volume mount point exists and the non-root user can write it (mode %o)" % (state_mode & 0o7777))
check(any(f.startswith("/app/classes/io/clvstream/app/ClvMain.class") for f in app_files), "application classes in /app/classes")
check(any(f.startswith("/app/libs/kafka-streams-") for f in app_files), "dependencies in /app/libs")
check(any(f.endswith("/bin/java") for f in app_files), "base image provides a java binary")

print("%d checks failed" % len(failures) if failures else "image OK")
sys.exit(1 if failures else 0)
PY

$RUN || exit 0
[ "$(id -u)" = 0 ] || { echo "--run needs root (chroot, mount /proc)" >&2; exit 1; }
ROOT=$(mktemp -d)
cleanup() { umount "$ROOT/rootfs/proc" 2>/dev/null || true; rm -rf --one-file-system "$ROOT"; }
trap cleanup EXIT
python3 - "$IMAGE" "$ROOT/rootfs" "$ROOT/config.json" <<'PY'
import io, json, sys, tarfile
image, root, out = sys.argv[1:]
with tarfile.open(image) as tar:
    manifest = json.load(tar.extractfile("manifest.json"))[0]
    open(out, "wb").write(tar.extractfile(manifest["Config"]).read())
    for name in manifest["Layers"]:
        with tarfile.open(fileobj=io.BytesIO(tar.extractfile(name).read())) as layer:
            layer.extractall(root, numeric_owner=True)
PY
RF=$ROOT/rootfs
mapfile -t ENTRY < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["config"]; print("\n".join(c["Entrypoint"]))' "$ROOT/config.json")
mapfile -t ENV < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["config"]; print("\n".join(c["Env"]))' "$ROOT/config.json")
USER_SPEC=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"]["User"])' "$ROOT/config.json")
WORKDIR=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"].get("WorkingDir","/"))' "$ROOT/config.json")
mkdir -p "$RF/proc" "$RF/dev" && mount -t proc proc "$RF/proc"
in_image() { env -i "${ENV[@]}" "$(command -v chroot)" --userspec="$USER_SPEC" "$RF" "$@"; }
CP=$(cat "$RF/app/jib-classpath-file")
javac -d "$RF/tmp" -cp "$(echo "$CP" | sed "s#/app/#$RF/app/#g")" "$HERE/ImageSmoke.java"
echo "== in the image as $USER_SPEC: ${ENTRY[*]} --help"
(cd "$RF$WORKDIR" && in_image "${ENTRY[@]}" --help) || { echo "FAIL  entrypoint did not start" >&2; exit 1; }
echo "== in the image as $USER_SPEC: ImageSmoke"
in_image java -cp "/tmp:$CP" ImageSmoke /var/lib/clv-stream
echo "== in the image as $USER_SPEC: ${ENTRY[*]} run (embedded broker and registry, state on the volume)"
# Loopback ports picked at random so parallel runs on one machine do not collide.
PORT=$((20000 + RANDOM % 20000))
LOG=$ROOT/run.log
(cd "$RF$WORKDIR" && exec env -i "${ENV[@]}" "$(command -v chroot)" --userspec="$USER_SPEC" "$RF" \
  "${ENTRY[@]}" run --kafka-port $PORT --registry-port $((PORT + 1)) --http-port $((PORT + 2))) > "$LOG" 2>&1 &
APP=$!
for _ in $(seq 1 180); do
  grep -q '^ready:' "$LOG" && break
  kill -0 $APP 2>/dev/null || break
  sleep 1
done
READY=$(grep '^ready:' "$LOG" || true)
kill -TERM $APP 2>/dev/null || true
STATUS=0; wait $APP || STATUS=$?
if [ -z "$READY" ]; then
  tail -40 "$LOG" >&2
  echo "FAIL  clv run did not print a ready: line" >&2
  exit 1
fi
echo "ok    $READY"
echo "ok    stopped on SIGTERM with status $STATUS; state on the volume: $(cd "$RF/var/lib/clv-stream" && ls -d state data 2>/dev/null | paste -sd' ')"
echo "image runs OK"
