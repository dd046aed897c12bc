#!/usr/bin/python3
"""schemas/triples.schema.json is a valid draft-04 schema; its valid/ examples pass and its
invalid/ examples fail Draft4Validator. Usage: check_schema.py SOURCE_DIR"""
import glob
import json
import os
import sys

import jsonschema

root = sys.argv[1]
with open(os.path.join(root, "schemas", "triples.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft4Validator.check_schema(schema)
validator = jsonschema.Draft4Validator(schema)
failures = 0
counts = {}
for kind in ("valid", "invalid"):
    files = sorted(glob.glob(os.path.join(root, "schemas", "examples", kind, "*.json")))
    counts[kind] = len(files)
    for path in files:
        with open(path, encoding="utf-8") as f:
            errors = list(validator.iter_errors(json.load(f)))
        if (kind == "valid") != (not errors):
            failures += 1
            print(f"FAIL: {path}: expected {kind}, errors: {[e.message for e in errors]}")
if counts["valid"] < 3 or counts["invalid"] < 10:
    failures += 1
    print(f"FAIL: too few examples: {counts}")
print(f"{counts['valid']} valid, {counts['invalid']} invalid examples checked, {failures} failure(s)")
sys.exit(1 if failures else 0)
