#!/usr/bin/env bash
# Builds a small Java 17 base image as a docker-save tar, with no Docker daemon and no
# container registry: only Debian packages (apt) and the local JDK's jmods.
#
#   deploy/image/build-local-base.sh [OUT.tar]        (default ~/.cache/clv-stream/base.tar)
#   mvn -B -Pimage -DskipTests package -Dimage.base=tar://$HOME/.cache/clv-stream/base.tar
#
# What goes in (distroless style, no shell, no package manager):
#   layer 1  libc6, libgcc-s1, libstdc++6, zlib1g, netbase from Debian (`apt-get download`
#            + `dpkg-deb -x`, no maintainer scripts run); /etc/passwd and /etc/group with a
#            `nonroot` user 65532; /tmp (1777); /var/lib/clv-stream owned by 65532.
#   layer 2  a JRE made by `jlink` from $JAVA_HOME/jmods (java.se plus the jdk.* modules a
#            Kafka client needs: EC/PKCS11 crypto for TLS, SASL/GSSAPI, JFR, jcmd), with a
#            cacerts trust store built from Debian's ca-certificates.
# Needs: bash, apt-get, dpkg-deb, python3, and a JDK 17 with jmods (Debian: openjdk-17-jdk-headless
# + openjdk-17-jmods). Runs as any user; as root it also smoke-tests `java -version` in a chroot.
set -euo pipefail

OUT=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/clv-stream/base.tar}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
TAG=${BASE_TAG:-clv-stream-base:17}
JRE_MODULES=${JRE_MODULES:-java.se,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.unsupported,jdk.management,jdk.management.jfr,jdk.jfr,jdk.security.auth,jdk.security.jgss,jdk.naming.dns,jdk.zipfs,jdk.charsets,jdk.net,jdk.jcmd,jdk.attach}
OS_PACKAGES=(libc6 libgcc-s1 libstdc++6 zlib1g netbase ca-certificates)
NONROOT_UID=65532
HERE=$(cd "$(dirname "$0")" && pwd)

die() { echo "build-local-base: $*" >&2; exit 1; }
[ -x "$JAVA_HOME/bin/jlink" ] || die "no jlink in JAVA_HOME=$JAVA_HOME"
[ -d "$JAVA_HOME/jmods" ] || die "no $JAVA_HOME/jmods (Debian: apt-get install openjdk-17-jmods)"
grep -q '^JAVA_VERSION="17' "$JAVA_HOME/release" || die "JAVA_HOME must be a JDK 17 ($JAVA_HOME)"
command -v python3 >/dev/null || die "python3 is required to pack the tar"

WORK=$(mktemp -d)
trap 'rm -rf --one-file-system "$WORK"' EXIT
ROOT=$WORK/rootfs
mkdir -p "$ROOT" "$WORK/debs" "$(dirname "$OUT")"
chmod 755 "$WORK" && chmod 777 "$WORK/debs"   # apt's download user must be able to write there

echo "== Debian packages: ${OS_PACKAGES[*]}"
(cd "$WORK/debs" && apt-get download -q "${OS_PACKAGES[@]}" >/dev/null)
for deb in "$WORK"/debs/*.deb; do
  case "$(basename "$deb")" in
    ca-certificates_*) dpkg-deb -x "$deb" "$WORK/ca" ;;   # only its PEMs are used, below
    *) dpkg-deb -x "$deb" "$ROOT" ;;
  esac
  dpkg-deb -f "$deb" Package Version | paste -sd' ' >> "$WORK/packages.txt"
done
# Trim what a JVM never touches: docs, locales, gconv charsets, libc's helper binaries.
rm -rf "$ROOT"/usr/share/{doc,man,info,locale,lintian,gdb} "$ROOT"/usr/lib/x86_64-linux-gnu/gconv \
       "$ROOT"/usr/bin "$ROOT"/usr/sbin "$ROOT"/sbin "$ROOT"/bin "$ROOT"/usr/libexec
mkdir -p "$ROOT"/etc "$ROOT"/tmp "$ROOT"/home/nonroot "$ROOT"/var/lib/clv-stream "$ROOT"/usr/bin
chmod 1777 "$ROOT"/tmp
cat > "$ROOT"/etc/passwd <<PASSWD
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:$NONROOT_UID:$NONROOT_UID:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat > "$ROOT"/etc/group <<GROUP
root:x:0:
nogroup:x:65534:
nonroot:x:$NONROOT_UID:
GROUP
echo 'hosts: files dns' > "$ROOT"/etc/nsswitch.conf
mkdir -p "$ROOT"/etc/ssl/certs
cat "$WORK"/ca/usr/share/ca-certificates/mozilla/*.crt > "$ROOT"/etc/ssl/certs/ca-certificates.crt
cp "$WORK/packages.txt" "$ROOT"/etc/clv-stream-base-packages.txt

echo "== jlink ($("$JAVA_HOME"/bin/java -version 2>&1 | head -1)): $JRE_MODULES"
JRE=$ROOT/opt/java/openjdk
"$JAVA_HOME"/bin/jlink --add-modules "$JRE_MODULES" --strip-debug --no-man-pages \
  --no-header-files --compress=2 --output "$JRE"
ln -s /opt/java/openjdk/bin/java "$ROOT"/usr/bin/java
# The trust store comes from Debian's ca-certificates, not from whatever the build host has.
rm -f "$JRE"/lib/security/cacerts
"$JAVA_HOME"/bin/java "$HERE"/BuildCacerts.java "$JRE"/lib/security/cacerts "$WORK"/ca/usr/share/ca-certificates/mozilla

if [ "$(id -u)" = 0 ] && command -v chroot >/dev/null; then
  echo "== smoke test: java -version as user $NONROOT_UID in a chroot of the rootfs"
  # The loader finds libjli.so through $ORIGIN, which needs /proc (a container runtime mounts it).
  mkdir -p "$ROOT"/proc
  if mount -t proc proc "$ROOT"/proc 2>/dev/null; then
    trap 'umount "$ROOT"/proc 2>/dev/null || true; rm -rf --one-file-system "$WORK"' EXIT
    chroot --userspec=$NONROOT_UID:$NONROOT_UID "$ROOT" /usr/bin/java -version
    umount "$ROOT"/proc
    trap 'rm -rf --one-file-system "$WORK"' EXIT
  else
    LD_LIBRARY_PATH=/opt/java/openjdk/lib \
      chroot --userspec=$NONROOT_UID:$NONROOT_UID "$ROOT" /opt/java/openjdk/bin/java -version
  fi
fi

echo "== packing $OUT"
python3 "$HERE"/pack_image.py "$ROOT" "$OUT" "$TAG" "$NONROOT_UID" /opt/java
echo "base image: $OUT ($(du -h "$OUT" | cut -f1)); use -Dimage.base=tar://$OUT"
