"""An nginx (Debian nginx-light) started on loopback with a generated configuration."""

import os
import pwd
import shutil

from .processes import Child, wait_for_http

# The user nginx's workers run as when the harness runs as root: Debian's web server
# account, else the conventional unprivileged one.
WORKER_USERS = ("www-data", "nobody")
# Characters of one canned-answer part; nginx rejects configuration tokens over 4 KiB.
MAX_PART_CHARACTERS = 3000


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if not found:
        raise RuntimeError("nginx is missing; `make bench` installs nginx-light, or run apt-get install nginx-light")
    return found


def quoted(text):
    """Return `text` as a single-quoted nginx string. nginx would expand `$`, so it is rejected."""
    if "$" in text:
        raise ValueError("a canned nginx answer must not contain '$' (nginx reads it as a variable)")
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _user_line():
    if os.geteuid() != 0:
        return ""
    for name in WORKER_USERS:
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        group = entry.pw_gid
        return f"user {name} {_group_name(group)};"
    raise RuntimeError(f"none of the users {WORKER_USERS} exists for nginx's workers")


def _group_name(gid):
    import grp

    return grp.getgrgid(gid).gr_name


def start(folder, name, port, locations, health_path):
    """Start nginx in `folder` serving `locations` (nginx `location` blocks) on 127.0.0.1:`port`.

    Its pid file, logs and temporary files stay in `folder`; it runs in the foreground so the
    harness stops it as any other child.
    """
    os.makedirs(folder, exist_ok=True)
    temp_paths = "\n".join(
        f"    {kind}_temp_path {folder}/{kind}_temp;" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    configuration = f"""{_user_line()}
worker_processes auto;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{
    worker_connections 8192;
}}
http {{
    access_log {folder}/access.log;
{temp_paths}
    keepalive_requests 1000000;
    keepalive_timeout 65s;
    server {{
        listen 127.0.0.1:{port} backlog=4096;
{locations}
    }}
}}
"""
    config_path = os.path.join(folder, "nginx.conf")
    with open(config_path, "w") as config:
        config.write(configuration)
    child = Child(
        name,
        [nginx_binary(), "-p", folder, "-c", config_path, "-e", f"{folder}/error.log"],
        os.path.join(folder, "nginx.out"),
    )
    wait_for_http(f"http://127.0.0.1:{port}{health_path}", child)
    return child


def canned_location(path, content_type, body, exact=True):
    """Return a `location` block that answers any method on `path` with 200 and `body`.

    nginx limits one configuration token to 4 KiB, so a longer body is set in parts and
    `return` joins them.
    """
    parts = [body[start : start + MAX_PART_CHARACTERS] for start in range(0, len(body), MAX_PART_CHARACTERS)]
    sets = "".join(f"            set $canned_part{index} {quoted(part)};\n" for index, part in enumerate(parts))
    joined = "".join(f"$canned_part{index}" for index in range(len(parts)))
    return f"""        location {'= ' if exact else ''}{path} {{
            default_type {content_type};
{sets}            return 200 "{joined}";
        }}"""
