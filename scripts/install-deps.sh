#!/bin/sh
# Installs the Debian packages folio needs to build and test, if missing.
# Safe to run again: it installs only what the machine lacks.
set -eu
packages="gcc make cmake pkg-config perl libcmark-dev libyaml-dev libxml2-dev
libjansson-dev check python3 python3-jsonschema"
missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
            grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086 # the list is meant to split into words
$sudo apt-get install -y -qq --no-install-recommends $missing
