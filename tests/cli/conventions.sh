#!/usr/bin/env bash
# Convention checks (STYLE.md §2, §7, §8): exported symbols carry the sky_ prefix, no banned
# C functions in the library, and every public header compiles alone as C11 (and C++).
set -u
src=${SKYFIX_SRC:?}
lib=$(dirname "${SKYFIX_BIN:?}")/libskyfix.a
fail=0

bad=$(nm -g --defined-only "$lib" 2>/dev/null | awk 'NF==3 && $2 ~ /[TDBR]/ {print $3}' \
      | grep -v '^sky_' | sort -u)
if [ -n "$bad" ]; then
  echo "exported symbols without the sky_ prefix:"; echo "$bad" | sed 's/^/  /'; fail=1
fi

banned='\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atof|gets|sscanf)\s*\('
hits=$(grep -rnE "$banned" "$src/src" "$src/include" | grep -v '^\s*//' || true)
if [ -n "$hits" ]; then
  echo "banned functions in the library:"; echo "$hits" | sed 's/^/  /'; fail=1
fi

tmp=$(mktemp -d)
for h in "$src"/include/skyfix/*.h; do
  name=$(basename "$h")
  printf '#include "skyfix/%s"\nint main(void){return 0;}\n' "$name" > "$tmp/t.c"
  if ! cc -std=c11 -pedantic -Wall -Wextra -Werror -I"$src/include" -c "$tmp/t.c" -o "$tmp/t.o" 2>"$tmp/err"; then
    echo "header $name does not compile alone as C11:"; sed 's/^/  /' "$tmp/err"; fail=1
  fi
  if command -v g++ >/dev/null; then
    cp "$tmp/t.c" "$tmp/t.cpp"
    if ! g++ -std=c++11 -Wall -Werror -I"$src/include" -c "$tmp/t.cpp" -o "$tmp/t.o" 2>"$tmp/err"; then
      echo "header $name does not compile as C++:"; sed 's/^/  /' "$tmp/err"; fail=1
    fi
  fi
done
rm -rf "$tmp"
[ $fail -eq 0 ] && echo "conventions: ok"
exit $fail
