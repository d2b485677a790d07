#!/usr/bin/env bash
# Architecture rule (ARCHITECTURE.md "Rules of the house"): a stage uses only the stages above
# it and core; internal headers (src/<stage>/*.h) are used only inside their own stage.
# Checked from the #include lines of every source file under src/.
set -u
src=${SKYFIX_SRC:?}/src
# public headers of each stage
declare -A owner=(
  [common.h]=core [error.h]=core [ctx.h]=core [time.h]=core [sat.h]=core [signal.h]=core
  [coord.h]=core [obs.h]=core [nav.h]=core [solution.h]=core
  [rinex.h]=io [sp3.h]=io [orbit.h]=orbit [model.h]=model [spp.h]=solve [sim.h]=sim
  [out.h]=out [rinexw.h]=out [skyfix.h]=umbrella)
# stages each stage may use (itself included), in the order of the data flow
declare -A allowed=(
  [core]="core" [io]="core io" [orbit]="core io orbit" [model]="core io orbit model"
  [solve]="core io orbit model solve" [sim]="core io orbit model sim"
  [out]="core io orbit model solve sim out")
fail=0
for stage in "${!allowed[@]}"; do
  [ -d "$src/$stage" ] || continue
  while IFS=: read -r file inc; do
    hdr=${inc#*\"}; hdr=${hdr%\"*}
    case "$hdr" in
      skyfix/*) used=${owner[${hdr#skyfix/}]:-unknown} ;;
      */*) used=${hdr%%/*} ;;
      *) continue ;;
    esac
    if [ "$used" = umbrella ] || [ "$used" = unknown ] || [[ " ${allowed[$stage]} " != *" $used "* ]]; then
      echo "layering: ${file#$SKYFIX_SRC/} ($stage) includes $hdr ($used)"
      fail=1
    fi
  done < <(grep -rHoE '#include "[a-z0-9_/]+\.h"' "$src/$stage")
done
[ $fail -eq 0 ] && echo "layering: ok"
exit $fail
