#!/usr/bin/python3
"""Turns schemas/text2kg.context.jsonld into a C++ header holding its bytes, so the file
stays the single source of truth for the @context the JSON-LD writer inlines."""
import sys

source, target = sys.argv[1], sys.argv[2]
text = open(source, encoding="utf-8").read()
delimiter = "text2kg_context"
if ")" + delimiter + '"' in text:
    sys.exit(f"{source}: contains the raw-string delimiter")
with open(target, "w", encoding="utf-8") as out:
    out.write("// Generated from schemas/text2kg.context.jsonld by jsonld_embed_context.py.\n")
    out.write("#pragma once\n\n#include <string_view>\n\nnamespace text2kg::io::detail {\n\n")
    out.write(f'inline constexpr std::string_view kContextFile = R"{delimiter}({text}){delimiter}";\n\n')
    out.write("}  // namespace text2kg::io::detail\n")
