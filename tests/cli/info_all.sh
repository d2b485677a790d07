#!/usr/bin/env bash
# skyfix info over the whole shared data set (see info_all.py).
exec python3 "$(dirname "$0")/info_all.py"
