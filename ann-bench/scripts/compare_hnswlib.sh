#!/usr/bin/env bash
# Our hnsw against hnswlib 0.6.2 (Debian python3-hnswlib) on one ann-benchmarks file, same M,
# efConstruction, ef sweep, k, build threads, single-thread queries; then QPS at recall levels
# and the ratios. Installs the Python packages it needs with apt when missing.
# Usage: ann-bench/scripts/compare_hnswlib.sh [FILE.hdf5] [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
file="${1:-$root/../shared/datasets/data/fashion-mnist-784-euclidean.hdf5}"
out="${2:-$root/runs/hnswlib-$(date -u +%Y%m%d-%H%M%S)}"
M="${M:-16}"; EFC="${EFC:-200}"; EF="${EF:-10,16,24,32,48,64,96,128,192,256}"; RUNS="${RUNS:-3}"; THREADS="${THREADS:-2}"
if ! /usr/bin/python3 -c 'import hnswlib, h5py, numpy' 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3-hnswlib python3-h5py python3-numpy >/dev/null
fi
mkdir -p "$out"
"$root/ann" bench --data "$file" --index hnsw --build "M=$M,efConstruction=$EFC" --search "ef=$EF" \
  --runs "$RUNS" --threads "$THREADS" --out "$out/annlib.jsonl" | tee "$out/annlib.txt"
/usr/bin/python3 "$root/ann-bench/src/main/resources/org/annlib/bench/peers/python_peer.py" "$file" --library hnswlib \
  --M "$M" --efConstruction "$EFC" --sweep "$EF" --runs "$RUNS" --threads "$THREADS" | tee "$out/hnswlib.jsonl"
python3 "$root/ann-bench/scripts/recall_qps_table.py" "$out/annlib.jsonl" "$out/hnswlib.jsonl" | tee "$out/table.md"
