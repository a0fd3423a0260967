#!/usr/bin/env bash
# rounds.sh: the peer comparison of issue 8 in alternating rounds. On a
# machine whose speed drifts within minutes, run.sh's one measurement of
# the peer followed by one of sfnmem can compare a fast minute with a slow
# one. Here each round measures, machine by machine, the peer and then
# sfnmem's two benchmarks right after it, and the ratios of each round
# are printed, then their medians.
#
#   bench/peer/rounds.sh [SECONDS_PER_MEASUREMENT] [ROUNDS]   (default 3 and 5)
#
# Needs node, npm and go; installs the npm package into a temporary
# directory. CI does not run it.
set -euo pipefail

seconds="${1:-3}" rounds="${2:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
root="${SFNMEM_DIR:-$(cd "$here/../.." && pwd)}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(go version | cut -d' ' -f3), node $(node --version), sfnmem $(git -C "$root" rev-parse --short HEAD)"
(cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error aws-local-stepfunctions@3.0.0 >/dev/null 2>&1)
cp "$here/peer.mjs" "$here/machines.json" "$tmp/"
(cd "$root" && go test -c -o "$tmp/sfn.test" .)

# rate BENCHMARK MACHINE: executions/s of one sfnmem benchmark run.
rate() {
	(cd "$root" && "$tmp/sfn.test" -test.run '^$' -test.bench "^$1\$/^$2\$" -test.benchtime "${seconds}s" -test.cpu 1) |
		awk '/^Benchmark/ { for (i = 1; i < NF; i++) if ($(i+1) == "executions/s") print $i }'
}

printf '%-6s %-8s %12s %14s %8s %14s %8s\n' round machine "peer exec/s" "one engine" ratio "engine/1,000" ratio
results="$tmp/results"
for r in $(seq 1 "$rounds"); do
	for name in pass100 task50 map1000; do
		p="$(cd "$tmp" && node peer.mjs machines.json "$seconds" "$name" | awk '$2 == "executions/s" { print $3 }')"
		one="$(rate BenchmarkPeer "$name")"
		fresh="$(rate BenchmarkPeerFreshEngines "$name")"
		r1="$(echo "$one / $p" | bc -l)" r2="$(echo "$fresh / $p" | bc -l)"
		printf '%-6s %-8s %12s %14s %7.2fx %14s %7.2fx\n' "$r" "$name" "$p" "$one" "$r1" "$fresh" "$r2"
		echo "$name $r1 $r2" >> "$results"
	done
done

# median COLUMN NAME: the median of a ratio column over the rounds.
median() {
	awk -v n="$2" -v c="$1" '$1 == n { print $c }' "$results" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
printf '%-8s %18s %18s\n' machine "median, one engine" "median, engine/1,000"
for name in pass100 task50 map1000; do
	printf '%-8s %17.2fx %17.2fx\n' "$name" "$(median 2 "$name")" "$(median 3 "$name")"
done
echo "(target, issue 8: ratio >= 5x on every machine)"
