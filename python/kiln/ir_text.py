"""Kiln IR as text: kiln ops in MLIR's generic form inside func.func.

The generic form spells every attribute, so one writer serves every op:
    "kiln.conv2d"(%a0, %a1) <{stride = array<i64: 2, 1>, ...}> : (...) -> ...
"""

I64_MAX = 9223372036854775807

_DTYPES = {"float32": "f32", "float64": "f64", "int32": "i32", "int64": "i64"}


def element_type(dtype):
    """MLIR element type of a numpy dtype (or its name)."""
    name = getattr(dtype, "name", str(dtype))
    if name not in _DTYPES:
        raise TypeError(f"kiln takes float32, float64, int32 or int64 arrays, not {name}")
    return _DTYPES[name]


def tensor_type(shape, dtype="float32"):
    return "tensor<" + "".join(f"{int(d)}x" for d in shape) + element_type(dtype) + ">"


def attr(value):
    """A Python value as an MLIR attribute: bool, int (i64), float (f64),
    a list of ints (array<i64>), or a str taken as MLIR text already."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value} : i64"
    if isinstance(value, float):
        if value != value:
            return "0x7FF8000000000000 : f64"
        if value in (float("inf"), float("-inf")):
            return ("0x7FF0000000000000" if value > 0 else "0xFFF0000000000000") + " : f64"
        text = repr(value)
        if "e" in text and "." not in text:  # MLIR wants 1.0e-06, not 1e-06
            text = text.replace("e", ".0e")
        return text + " : f64"
    if isinstance(value, (list, tuple)):
        return "array<i64" + (": " + ", ".join(str(int(v)) for v in value) if value else "") + ">"
    if isinstance(value, str):
        return value
    raise TypeError(f"no MLIR attribute for {value!r}")


def enum(kind, value):
    """A kiln enum attribute, e.g. enum('padding_mode', 'reflect')."""
    return f"#kiln.{kind}<{value}>"


def segments(*sizes):
    """operandSegmentSizes for ops with several optional operands."""
    return "array<i32: " + ", ".join(str(s) for s in sizes) + ">"


def op_line(op, operands, operand_types, result_types, props=None):
    """One kiln op in generic form; `operands` are SSA names like '%a0'."""
    text = f'"kiln.{op}"(' + ", ".join(operands) + ")"
    if props:
        text += " <{" + ", ".join(f"{k} = {attr(v)}" for k, v in sorted(props.items())) + "}>"
    results = ", ".join(result_types)
    if len(result_types) != 1:
        results = "(" + results + ")"
    return text + " : (" + ", ".join(operand_types) + ") -> " + results


def single_op_function(name, op, arg_types, result_types, props=None, operand_args=None):
    """func.func @name(args) -> results, computing one kiln op.

    `operand_args` lists which argument feeds each operand (default: all, in
    order), so optional operands can be left out."""
    if operand_args is None:
        operand_args = list(range(len(arg_types)))
    args = ", ".join(f"%a{i}: {t}" for i, t in enumerate(arg_types))
    operands = [f"%a{i}" for i in operand_args]
    line = op_line(op, operands, [arg_types[i] for i in operand_args], result_types, props)
    n = len(result_types)
    lhs = "%r" if n == 1 else f"%r:{n}"
    rets = ["%r"] if n == 1 else [f"%r#{i}" for i in range(n)]
    return (f"func.func @{name}({args}) -> ({', '.join(result_types)}) {{\n"
            f"  {lhs} = {line}\n"
            f"  return {', '.join(rets)} : {', '.join(result_types)}\n}}\n")
