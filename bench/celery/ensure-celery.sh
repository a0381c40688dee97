#!/usr/bin/env bash
# Makes sure Debian's Celery 5, SQLAlchemy and psycopg2 are importable by /usr/bin/python3 (the
# system interpreter: a python3 earlier on PATH, e.g. pyenv, does not see Debian's packages).
# Exit 0: ready. Exit 1: missing and not installable by this user (one line on stderr).
set -u
PY=/usr/bin/python3
check() { "$PY" -c 'import celery, sqlalchemy, psycopg2' >/dev/null 2>&1; }

if check; then exit 0; fi
if [ ! -x "$PY" ]; then
  echo "ensure-celery: $PY not found; install Debian's python3" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-celery: Celery is missing; run as root or: apt-get install python3-celery python3-sqlalchemy python3-psycopg2" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
pkgs="python3-celery python3-sqlalchemy python3-psycopg2"
if ! apt-get install -y -q $pkgs >/dev/null 2>&1; then
  # The package lists may be stale or absent on a fresh machine.
  apt-get update -q >/dev/null 2>&1
  apt-get install -y -q $pkgs >/dev/null 2>&1
fi
if check; then exit 0; fi
echo "ensure-celery: apt-get install $pkgs did not make 'import celery, sqlalchemy, psycopg2' work" >&2
exit 1
