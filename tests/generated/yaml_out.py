"""YAML text of generated values, written by hand so that every scalar
keeps the type hypothesis gave it (see `yaml_scalar`)."""

import json
import unicodedata


def yaml_scalar(v):
    """A scalar as YAML 1.2 text: JSON's spelling, which YAML 1.2 reads back
    as the same value, with non-printable characters escaped."""
    if isinstance(v, str):
        out = json.dumps(v, ensure_ascii=False)
        return "".join(
            c if printable(c) else "\\u%04x" % ord(c) if ord(c) < 0x10000 else "\\U%08x" % ord(c)
            for c in out
        )
    return json.dumps(v)


def printable(c):
    o = ord(c)
    # NEL, LS and PS are line breaks to YAML 1.1 parsers (libyaml, under
    # serde_yaml) and plain characters to YAML 1.2 ones: always escaped.
    if o in (0x9, 0xA, 0xD) or 0x20 <= o <= 0x7E:
        return True
    if o in (0x85, 0x2028, 0x2029):
        return False
    if 0xA0 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or 0x10000 <= o <= 0x10FFFF:
        return o != 0xFEFF and unicodedata.category(c) != "Cs"
    return False


PLAIN_KEY = set("abcdefghijklmnopqrstuvwxyz_")


def yaml_key(k):
    return k if k and set(k) <= PLAIN_KEY else yaml_scalar(k)


def emit(value, indent=0):
    """Block-style YAML: mappings and lists on their own lines."""
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for k, v in value.items():
            head = pad + yaml_key(str(k)) + ":"
            if isinstance(v, (dict, list)) and v:
                lines.append(head)
                lines.append(emit(v, indent + 2))
            else:
                lines.append(head + " " + inline(v))
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, (dict, list)) and v:
                body = emit(v, indent + 2)
                lines.append(pad + "- " + body[indent + 2 :])
            else:
                lines.append(pad + "- " + inline(v))
    else:
        lines.append(pad + inline(value))
    return "\n".join(lines)


def inline(v):
    if isinstance(v, dict):
        return "{}"
    if isinstance(v, list):
        return "[]"
    return yaml_scalar(v)
