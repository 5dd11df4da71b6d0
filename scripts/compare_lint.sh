#!/bin/bash
# Lint's findings, reports and the files `stage` writes beside postings (quality.html,
# manifest.json, the hiring plan) must not change when lint is made faster: this runs
# `jobgen lint`, `check` and `stage` over the built-in samples (in English and German,
# text and JSON, files and roles, the Ontario example) at REV and at the working tree,
# and diffs everything they print and write.
#
#   scripts/compare_lint.sh [REV]      # default: origin's main, else main
#
# Needs the venv of this checkout (.venv). Exit 0 and "IDENTICAL" when nothing differs.
set -u
HERE=$(cd "$(dirname "$0")/.." && pwd)
REV=${1:-main}
WORK=$(mktemp -d)
trap 'git -C "$HERE" worktree remove --force "$WORK/old" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
git -C "$HERE" worktree add --detach "$WORK/old" "$REV" >/dev/null 2>&1 || { echo "no revision $REV"; exit 2; }

run_all() {  # SOURCE_TREE OUT
    local src=$1 out=$2 n=0
    mkdir -p "$out"
    cd "$src" || exit 2
    export PYTHONPATH=$src/src SOURCE_DATE_EPOCH=1764028800 XDG_CACHE_HOME=$WORK/cache
    run() { n=$((n + 1)); { echo "## $*"; "$HERE/.venv/bin/python" -m jobgen "$@"; echo "rc=$?"; } >"$out/$n.out" 2>&1; }
    local roles="ai-architect ai-data-engineer ai-ethics-officer ai-infrastructure-engineer"
    roles="$roles ai-ml-engineer ai-product-manager mlops-engineer nlp-llm-engineer prompt-engineer"
    run lint --all-companies -v
    run lint --all-companies --all-roles -v -f json
    run lint --all-companies --all-roles --strict
    run lint $roles -c carrowmere-health --language de-DE -v
    run lint $roles -c carrowmere-health --language de-DE -v -f json
    run lint ai-ml-engineer -c furrowlight
    run lint --list-rules
    run lint --list-laws
    run lint docs/examples/old-posting.md -v
    run lint docs/examples/old-posting.md -c furrowlight -v -f json
    for f in output/examples/*/*.md; do run lint "$f" -v -f json; done
    run lint output/examples/carrowmere-health/clinical-nlp-engineer-berlin.de-DE.md \
        --language de-DE -c carrowmere-health -v -f json
    run -w docs/examples/ontario lint --all-companies -v
    run -w docs/examples/ontario lint --all-companies --all-roles -v -f json
    run check
    run check --language de-DE
    run stage --all-companies -o "$out/stage" -j 1 --lint warn
    run stage growth --all-companies -f md -o "$out/stage-growth" -j 2 --lint warn
    run -w docs/examples/ontario stage --all-companies -o "$out/stage-on" -f md -j 1 --lint warn
    grep -rl "$out" "$out" | xargs -r sed -i "s#$out#OUT#g"
    grep -rl "$src/" "$out" | xargs -r sed -i "s#$src/##g"
}

(run_all "$WORK/old" "$WORK/out-old")
(run_all "$HERE" "$WORK/out-new")
# Everything but the elapsed time in stage's last line.
diff -r -I ' in [0-9.]* s; hiring plan' "$WORK/out-old" "$WORK/out-new" && echo IDENTICAL
