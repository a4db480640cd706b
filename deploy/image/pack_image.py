#!/usr/bin/env python3
"""Packs a root filesystem directory as a docker-save image tar (what `docker load` reads and
what jib accepts as a `tar://` base image), without a daemon.

usage: pack_image.py ROOTFS OUT.tar TAG NONROOT_UID SPLIT_PREFIX

Paths under SPLIT_PREFIX (e.g. /opt/java) go into a second layer so the OS layer and the
JRE layer are cached separately. Everything is owned by root except /home/nonroot and
/var/lib/clv-stream (NONROOT_UID). mtimes are zeroed so the same inputs give the same digests.
"""
import hashlib
import io
import json
import os
import sys
import tarfile

rootfs, out, tag, uid, split = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
OWNED_BY_NONROOT = ("home/nonroot", "var/lib/clv-stream")


def entries():
    for dirpath, dirnames, filenames in os.walk(rootfs):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            full = os.path.join(dirpath, name)
            yield full, os.path.relpath(full, rootfs)


def layer_bytes(select):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for full, rel in entries():
            if not select(rel):
                continue
            info = tar.gettarinfo(full, arcname=rel)
            owned = any(rel == p or rel.startswith(p + "/") for p in OWNED_BY_NONROOT)
            info.uid = info.gid = uid if owned else 0
            info.uname = info.gname = "nonroot" if owned else "root"
            info.mtime = 0
            if info.isreg():
                with open(full, "rb") as f:
                    tar.addfile(info, f)
            else:
                tar.addfile(info)
    return buf.getvalue()


prefix = split.strip("/")
in_jre = lambda rel: rel == prefix or rel.startswith(prefix + "/")
layers = [("debian bookworm libraries, nonroot user", layer_bytes(lambda r: not in_jre(r))),
          ("jlink JRE 17 in /" + prefix, layer_bytes(in_jre))]

diff_ids = ["sha256:" + hashlib.sha256(data).hexdigest() for _, data in layers]
config = {
    "architecture": "amd64",
    "os": "linux",
    "created": "1970-01-01T00:00:00Z",
    "config": {
        "Env": [
            "PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "JAVA_HOME=/opt/java/openjdk",
            "LANG=C.UTF-8",
            "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt",
        ],
        "User": "%d:%d" % (uid, uid),
        "WorkingDir": "/home/nonroot",
    },
    "rootfs": {"type": "layers", "diff_ids": diff_ids},
    "history": [{"created": "1970-01-01T00:00:00Z", "created_by": "build-local-base.sh: " + c}
                for c, _ in layers],
}
config_bytes = json.dumps(config, indent=2).encode()
config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
layer_names = [d.split(":")[1] + "/layer.tar" for d in diff_ids]
manifest = [{"Config": config_name, "RepoTags": [tag], "Layers": layer_names}]


def add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


tmp = out + ".tmp"
with tarfile.open(tmp, "w") as tar:
    for name, (_, data) in zip(layer_names, layers):
        add(tar, name, data)
    add(tar, config_name, config_bytes)
    add(tar, "manifest.json", json.dumps(manifest).encode())
os.replace(tmp, out)
for (comment, data), d in zip(layers, diff_ids):
    print("layer %s %.1f MiB  %s" % (d[:19], len(data) / 2**20, comment))
