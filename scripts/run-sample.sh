#!/usr/bin/env bash
# The main job: set up, build, and turn samples/ into out/graph.{graphml,jsonld,gexf} and out/neo4j/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
mkdir -p out
build/tools/text2kg/text2kg samples/ --out-dir out
ls -l out out/neo4j
