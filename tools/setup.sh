#!/usr/bin/env bash
# Installs the Debian packages that building, testing and benchmarking skyfix need.
# Safe to run again; does nothing that is already done.
set -euo pipefail
PKGS=(build-essential cmake ninja-build pkg-config gawk
      libarchive-dev zlib1g-dev libbz2-dev liblzma-dev
      libcmocka-dev
      clang libclang-rt-14-dev
      rtklib gzip bzip2 ncompress unzip time python3)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "setup: all build and test packages present"
