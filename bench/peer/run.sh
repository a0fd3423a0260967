#!/usr/bin/env bash
# run.sh: the peer comparison of issue 8. It runs the machines of
# machines.json (a 100-Pass linear machine, a 50-Task linear machine and an
# inline Map of 1,000 items with a 3-Pass iterator) on the npm interpreter
# aws-local-stepfunctions@3.0.0 and on sfnmem (BenchmarkPeer), one after the
# other on this machine, and prints executions/s side by side.
#
#   bench/peer/run.sh [SECONDS_PER_MACHINE]   (default 3)
#
# Needs node, npm and go. It installs the npm package into a temporary
# directory, never into the repository. CI does not run it.
set -euo pipefail

seconds="${1:-3}"
here="$(cd "$(dirname "$0")" && pwd)"
root="${SFNMEM_DIR:-$(cd "$here/../.." && pwd)}" # SFNMEM_DIR: benchmark another checkout
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(go version | cut -d' ' -f3), node $(node --version)" >&2

(cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error aws-local-stepfunctions@3.0.0 >/dev/null 2>&1)
cp "$here/peer.mjs" "$here/machines.json" "$tmp/"

echo "== aws-local-stepfunctions 3.0.0 (node $(node --version))" >&2
peer="$(cd "$tmp" && node peer.mjs machines.json "$seconds")"
echo "$peer" >&2

echo "== sfnmem (go test -bench '^BenchmarkPeer(FreshEngines)?$' -cpu 1 -benchtime ${seconds}s)" >&2
ours="$(cd "$root" && go test -run '^$' -bench '^BenchmarkPeer(FreshEngines)?$' -benchmem -cpu 1 -benchtime "${seconds}s" . )"
echo "$ours" | grep '^Benchmark' >&2

# table BENCHMARK TITLE: the ratio of sfnmem's executions/s in BENCHMARK to the peer's.
table() {
	echo
	echo "$2"
	printf '%-10s %18s %18s %8s\n' machine "peer exec/s" "sfnmem exec/s" "ratio"
	for name in pass100 task50 map1000; do
		p="$(echo "$peer" | awk -v n="$name" '$1 == n && $2 == "executions/s" { print $3 }')"
		s="$(echo "$ours" | awk -v n="$1/$name" '$1 == n { for (i = 1; i < NF; i++) if ($(i+1) == "executions/s") print $i }')"
		if [[ -z "$p" || -z "$s" ]]; then
			printf '%-10s %18s %18s %8s\n' "$name" "${p:-error}" "${s:-error}" "-"
			continue
		fi
		printf '%-10s %18s %18s %7.2fx\n' "$name" "$p" "$s" "$(echo "$s / $p" | bc -l)"
	done
}
table BenchmarkPeer "one engine keeping every execution it ran (BenchmarkPeer)"
table BenchmarkPeerFreshEngines "a new engine every 1,000 executions, as in a test suite (BenchmarkPeerFreshEngines)"
echo "(target, issue 8: ratio >= 5x on every machine)"
