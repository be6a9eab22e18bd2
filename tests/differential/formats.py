#!/usr/bin/env python3
"""The reference reading of deployment files, for tests/differential_formats_test.cpp.

Reads each file as its kind says, with the holder rules of src/formats/deployment_yaml.cpp and
src/formats/deployment_toml.cpp, through reference parsers: PyYAML (Debian's python3-yaml) for
the YAML kinds, Python's tomllib for the TOML kinds. Prints, per file, the (name, value) pairs of
each holder (an `environment:` map, an `env:` list, a `[vars]` table, ...) in file order, or the
parser's error.

Usage: formats.py KIND=PATH...   or   formats.py < [{"kind": KIND, "path": PATH}, ...]
Output (stdout, JSON): one item per file, in order: {"holders": [[[name, value], ...], ...]} or
{"error": message}. Empty holders are left out.

YAML is read with yaml.compose_all (the SafeLoader's parser and composer: safe_load without its
last step), not yaml.safe_load: poolcheck reads every scalar as the text it spells, and a program
gets a variable as text, so a value is what the scalar's quoting and escapes make of its bytes.
safe_load would go on to resolve tags, turning `8080` into an int, `yes` into True and `~` into
None, and copy what an alias points at into its place.

What poolcheck does not read by design, and so neither does this script:
- aliases (`*name`) and merge keys (`<<: *base`): poolcheck reads each value where it is written,
  so a holder's entries are the ones written in it; a value reached through an alias is skipped
  (the node it points at is read where it is defined, when that is in a holder);
- a holder value that is not a scalar (a map or list under a variable name), a `- NAME` item
  (passed through from the shell: no value here), an `=VALUE` item (no name), a list item with
  no `value` (Kubernetes' `valueFrom`, Render's `fromDatabase` or `sync: false`), and keys that
  are not scalars;
- TOML values that are not strings (numbers, booleans, dates, arrays, tables), and tables other
  than the kinds' holders (wrangler's `[[hyperdrive]]` among them).
"""

import json
import sys
import tomllib

import yaml

# Per YAML kind, the mapping keys whose value holds variables, at any depth (holder_keys).
YAML_HOLDERS = {
    "compose": ("environment",),
    "kubernetes": ("env", "stringData"),
    "github_workflow": ("env",),
    "render": ("envVars",),
    "app_engine": ("env_variables",),
    "serverless": ("environment",),
}

TOML_KINDS = ("fly", "netlify", "wrangler")


# ---------------------------------------------------------------------------------------------
# YAML


def alias_positions(roots):
    """(id(parent), index) of every child that repeats a node met before in document order: an
    alias. A mapping's children are its keys and values, alternating (2*i, 2*i + 1)."""
    seen = set()
    aliases = set()

    def children(node):
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.MappingNode):
            return [n for pair in node.value for n in pair]
        return []

    def visit(node):
        seen.add(id(node))
        for i, child in enumerate(children(node)):
            if id(child) in seen:
                aliases.add((id(node), i))
            else:
                visit(child)

    for root in roots:
        visit(root)
    return aliases


class YamlReader:
    def __init__(self, kind, roots):
        self.keys = YAML_HOLDERS[kind]
        self.aliases = alias_positions(roots)
        self.holders = []
        for root in roots:
            self.walk(root)

    def written(self, parent, index):
        """Whether child `index` of `parent` is written there (not an alias)."""
        return (id(parent), index) not in self.aliases

    def scalar(self, parent, index, node):
        return isinstance(node, yaml.ScalarNode) and self.written(parent, index)

    def walk(self, node):
        if isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                if self.written(node, i):
                    self.walk(item)
        elif isinstance(node, yaml.MappingNode):
            for i, (key, value) in enumerate(node.value):
                if not self.written(node, 2 * i + 1):
                    continue
                if self.scalar(node, 2 * i, key) and key.value in self.keys:
                    self.read_holder(value)
                else:
                    self.walk(value)

    def read_holder(self, holder):
        pairs = []
        if isinstance(holder, yaml.MappingNode):
            for i, (key, value) in enumerate(holder.value):
                if self.scalar(holder, 2 * i, key) and self.scalar(holder, 2 * i + 1, value):
                    pairs.append([key.value, value.value])
        elif isinstance(holder, yaml.SequenceNode):
            for i, item in enumerate(holder.value):
                if not self.written(holder, i):
                    continue
                if isinstance(item, yaml.ScalarNode):
                    # `- KEY=VALUE`, split at the first `=`.
                    name, eq, value = item.value.partition("=")
                    if eq and name:
                        pairs.append([name, value])
                elif isinstance(item, yaml.MappingNode):
                    name = self.find(item, "name")
                    if name is None:
                        name = self.find(item, "key")
                    value = self.find(item, "value")
                    if name is not None and value is not None and name[1] and value[1]:
                        pairs.append([name[0].value, value[0].value])
        self.holders.append(pairs)

    def find(self, mapping, key):
        """(value node, whether it is a scalar written there) of the first key `key`, or None."""
        for i, (k, v) in enumerate(mapping.value):
            if self.scalar(mapping, 2 * i, k) and k.value == key:
                return v, self.scalar(mapping, 2 * i + 1, v)
        return None


def read_yaml(kind, data):
    roots = [r for r in yaml.compose_all(data, Loader=yaml.SafeLoader) if r is not None]
    return YamlReader(kind, roots).holders


# ---------------------------------------------------------------------------------------------
# TOML


def toml_holders(kind, root):
    """The tables of `kind` that set variables (holders)."""
    out = []

    def add(table):
        if isinstance(table, dict):
            out.append(table)

    def each_sub(parent, child):
        tables = root.get(parent)
        if isinstance(tables, dict):
            for sub in tables.values():
                if isinstance(sub, dict):
                    add(sub.get(child))

    if kind == "fly":
        add(root.get("env"))
    elif kind == "netlify":
        build = root.get("build")
        if isinstance(build, dict):
            add(build.get("environment"))
        each_sub("context", "environment")
    elif kind == "wrangler":
        add(root.get("vars"))
        each_sub("env", "vars")
    return out


def read_toml(kind, data):
    root = tomllib.loads(data.decode("utf-8"))
    return [
        [[name, value] for name, value in table.items() if isinstance(value, str)]
        for table in toml_holders(kind, root)
    ]


# ---------------------------------------------------------------------------------------------


def read(kind, path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        if kind in YAML_HOLDERS:
            holders = read_yaml(kind, data)
        elif kind in TOML_KINDS:
            holders = read_toml(kind, data)
        else:
            return {"error": f"unknown kind {kind!r}"}
    except (yaml.YAMLError, tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as e:
        return {"error": f"{type(e).__name__}: {e}"}
    return {"holders": [h for h in holders if h]}


def main():
    if len(sys.argv) > 1:
        files = [dict(zip(("kind", "path"), arg.split("=", 1))) for arg in sys.argv[1:]]
    else:
        files = json.load(sys.stdin)
    json.dump([read(f["kind"], f["path"]) for f in files], sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
