"""A lesson's `parameters` cells: listing them, and injecting new values, as papermill does.

Each `--param NAME=VALUE` (`lessons.sh STEM -p NAME VALUE`) finds the
`parameters` cell that defines `let NAME` and puts a cell tagged
`injected-parameters` right after it, which shadows the old value
(`let x = -1.5;`). A parameter keeps the type annotation of its definition, and
a whole number given for a float becomes a float. Any other VALUE is taken as a
Rust expression (`-p x "array![1.0, 2.0]"`). A name is looked for in the first
parameters cell that defines it; NAME@K looks in the K-th parameters cell only.
"""
import json
import re

import nbformat

INTEGER_TYPES = {"u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "integer"}
LET = r"^\s*let\s+(?:mut\s+)?(\w+)\s*(?::\s*([^=]+?))?\s*=\s*(.+?);"


class ParameterError(ValueError):
    """A parameter that no parameters cell defines, or a value of the wrong kind."""


def parameter_cells(nb):
    """The notebook's cells tagged `parameters`, as (index, cell), in order."""
    return [(i, c) for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]


def parameters_of(nb):
    """Every `let` of the notebook's parameters cells: (cell number from 1, name, type, value)."""
    found = []
    for k, (_, cell) in enumerate(parameter_cells(nb), 1):
        for m in re.finditer(LET, cell.source, re.M | re.S):
            name, ty, value = m.group(1), m.group(2), " ".join(m.group(3).split())
            found.append((k, name, ty.strip() if ty else infer_type(value), value))
    return found


def infer_type(value):
    """The type Rust gives an unannotated literal, as a learner would read it."""
    if re.fullmatch(r"[-+]?\d+", value):
        return "integer"
    if re.fullmatch(r"[-+]?(\d+\.\d*|\d*\.\d+)([eE][-+]?\d+)?", value):
        return "f64"
    if value.startswith("array![["):
        return "Array2<f64>"
    if value.startswith("array!["):
        return "Array1<f64>"
    if value.startswith("["):
        return "array"
    return "expression"


def rust_value(old, value):
    """VALUE as Rust source, in the style of the definition it replaces (`old`)."""
    number = re.fullmatch(r"[-+]?\d+", value)
    old_is_float = re.fullmatch(r"[-+]?(\d+\.\d*|\d*\.\d+|\d+)([eE][-+]?\d+)?(f64)?", old.strip()) and re.search(r"[.eE]", old)
    if number and old_is_float:
        return value + ".0"
    if old.strip().startswith('"') and not value.startswith('"'):
        return json.dumps(value)
    return value


def check_value(name, ty, value):
    """A message if VALUE cannot be a `ty`, else None."""
    if ty in INTEGER_TYPES and not re.fullmatch(r"[-+]?\d+", value):
        return f"`{name}` is a whole number ({ty}), and {value!r} is not one"
    if ty.startswith("u") and ty in INTEGER_TYPES and value.startswith("-"):
        return f"`{name}` is an unsigned whole number ({ty}), and {value!r} is negative"
    if ty == "f64" and not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", value):
        return f"`{name}` is a number (f64), and {value!r} is not one"
    return None


def inject_parameters(nb, params):
    """Put an `injected-parameters` cell after each parameters cell that defines one of
    `params` ([(NAME or NAME@K, VALUE)]) and record them in `nb.metadata.parameters`.

    # Raises
    ParameterError when no parameters cell defines a name or a value cannot be its type."""
    injected = {}
    cells = [i for i, _ in parameter_cells(nb)]
    for spec, value in params:
        name, _, k = spec.partition("@")
        where = cells if not k else cells[int(k) - 1 : int(k)]
        pattern = re.compile(rf"^\s*let\s+(mut\s+)?{re.escape(name)}\s*(:\s*(?P<ty>[^=]+?))?\s*=\s*(?P<old>.+?);\s*(//.*)?$", re.M)
        for i in where:
            if m := pattern.search(nb.cells[i].source):
                declared = m.group("ty").strip() if m.group("ty") else infer_type(" ".join(m.group("old").split()))
                if problem := check_value(name, declared, value):
                    raise ParameterError(problem)
                ty = f": {m.group('ty').strip()}" if m.group("ty") else ""
                injected.setdefault(i, []).append(f"let {name}{ty} = {rust_value(m.group('old'), value)};")
                break
        else:
            known = ", ".join(dict.fromkeys(name for _, name, _, _ in parameters_of(nb)))
            raise ParameterError(f"no parameters cell defines `{name}`; this lesson's parameters are {known}")
    for i in sorted(injected, reverse=True):
        source = "// Parameters injected from the command line\n" + "\n".join(injected[i])
        nb.cells.insert(i + 1, nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]}))
    nb.metadata["parameters"] = dict(params)
