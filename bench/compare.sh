#!/usr/bin/env bash
# compare.sh: benchstat of two commits' benchmarks, their runs interleaved.
#
#   bench/compare.sh OLD NEW PATTERN [COUNT] [PACKAGE] [-- extra test flags]
#   bench/compare.sh HEAD~1 HEAD 'BenchmarkPeer$/task50' 8
#   bench/compare.sh main WORKTREE 'Linear100' 6 . -- -test.benchtime 3s
#
# It builds the test binary of each commit (NEW may be WORKTREE: the
# working tree as it is) and runs them one after the other, one benchmark
# run at a time, COUNT times (default 6), with -cpu 1, then prints
# benchstat old new. On a shared machine whose speed drifts over minutes,
# running all of the old build and then all of the new one measures the
# drift; interleaving spreads it over both. Needs benchstat
# (go install golang.org/x/perf/cmd/benchstat@latest).
set -euo pipefail

old="$1" new="$2" pattern="$3" count="${4:-6}" pkg="${5:-.}"
shift $(( $# < 5 ? $# : 5 ))
[[ "${1:-}" == "--" ]] && shift
extra=("$@")

root="$(git rev-parse --show-toplevel)"
tmp="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$tmp/old" >/dev/null 2>&1 || true
      git -C "$root" worktree remove --force "$tmp/new" >/dev/null 2>&1 || true
      rm -rf "$tmp"' EXIT

build() { # build NAME REV
	local dir="$tmp/$1"
	if [[ "$2" == WORKTREE ]]; then
		dir="$root"
	else
		git -C "$root" worktree add -q --detach "$dir" "$2"
	fi
	# -trimpath: the binary then holds no build directory. Without it, the
	# same code built in the repository and in a temporary worktree ran
	# 4-5% apart (an A/A comparison, p=0.000): the paths' lengths move the
	# code and data, and the comparison measured the move.
	(cd "$dir" && go test -trimpath -c -o "$tmp/$1.test" "$pkg")
	echo "$dir/$pkg"
}
olddir="$(build old "$old")"
newdir="$(build new "$new")"

for _ in $(seq "$count"); do
	for side in old new; do
		dir="$olddir"
		[[ "$side" == new ]] && dir="$newdir"
		(cd "$dir" && "$tmp/$side.test" -test.run '^$' -test.bench "$pattern" -test.benchmem \
			-test.cpu 1 -test.count 1 "${extra[@]}" >>"$tmp/$side.txt")
	done
done
benchstat="$(go env GOPATH)/bin/benchstat"
command -v benchstat >/dev/null && benchstat="benchstat"
"$benchstat" "$tmp/old.txt" "$tmp/new.txt"
