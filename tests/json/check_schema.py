#!/usr/bin/env python3
"""Checks docs/folio-json.schema.json: it is a valid draft 2020-12 schema,
it accepts the writer's golden output, and it refuses documents the reader
refuses for their shape.

Usage: check_schema.py SCHEMA GOLDEN.json...
"""
import json
import sys

import jsonschema

INVALID = [
    {},
    {"folio": 2},
    {"folio": 1, "extra": True},
    {"folio": 1, "blocks": [{"type": "sparkle"}]},
    {"folio": 1, "blocks": [{"type": "document"}]},
    {"folio": 1, "blocks": [{"type": "text", "text": "inline at the top"}]},
    {"folio": 1, "blocks": [{"type": "paragraph", "children": [{"type": "item"}]}]},
    {"folio": 1, "blocks": [{"type": "heading", "level": 7}]},
    {"folio": 1, "blocks": [{"type": "heading", "level": "2"}]},
    {"folio": 1, "blocks": [{"type": "text", "level": 1}]},
    {"folio": 1, "blocks": [{"type": "thematic_break", "children": []}]},
    {"folio": 1, "blocks": [{"type": "list", "list_type": "dash"}]},
    {"folio": 1, "blocks": [{"type": "list", "children": [{"type": "paragraph"}]}]},
    {"folio": 1, "blocks": [{"type": "table", "align": ["middle"]}]},
    {"folio": 1, "blocks": [{"type": "table", "columns": 70000}]},
    {"folio": 1, "blocks": [{"type": "table_row"}]},
    {"folio": 1, "blocks": [{"type": "figure", "children": [
        {"type": "caption"}, {"type": "caption"}]}]},
    {"folio": 1, "blocks": [{"type": "table", "children": [{"type": "table_row", "children": [
        {"type": "table_cell", "children": [
            {"type": "text"}, {"type": "paragraph"}]}]}]}]},
    {"folio": 1, "pos": [1, 2, 3]},
    {"folio": 1, "pos": [1, 2, 3, -1]},
    {"folio": 1, "meta": []},
    {"folio": 1, "meta": {"a\u0000b": 1}},
]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            errors = list(validator.iter_errors(json.load(f)))
        for error in errors[:5]:
            print(f"{path}: {'/'.join(map(str, error.absolute_path))}: "
                  f"{error.message[:200]}")
        failures += bool(errors)
    for document in INVALID:
        if validator.is_valid(document):
            print(f"accepted an invalid document: {json.dumps(document)}")
            failures += 1
    total = len(sys.argv) - 2 + len(INVALID)
    print(f"{total - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
