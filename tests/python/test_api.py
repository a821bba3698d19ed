"""The stubs (festmatch/__init__.pyi) against the module: every public name is typed, every
function and method has the parameters (names and defaults) the stubs say, and a docstring."""
import ast
import pathlib
import re

import festmatch

STUBS = ast.parse((pathlib.Path(festmatch.__file__).parent / "__init__.pyi").read_text())
# Types that exist for type checkers only (the dicts the module returns are plain dicts).
STUB_ONLY = {"Diagnostic", "ScoreComponent", "RequestOnPair", "Explanation", "Meeting", "Place",
             "Change",
             "UnmetRequest", "Shortfall", "Stats"}


def stub_names(body):
    names = {}
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign):
            names[node.target.id] = node
    return names


def stub_parameters(fn: ast.FunctionDef):
    args = [a.arg for a in fn.args.args if a.arg != "self"]
    defaults = [ast.literal_eval(d) for d in fn.args.defaults]
    return args, dict(zip(args[len(args) - len(defaults):], defaults))


def runtime_parameters(obj):
    """Names and defaults from pybind11's signature line: 'name(a: T, b: T = 1) -> R'."""
    line = obj.__doc__.splitlines()[0]
    inside = line[line.index("(") + 1: line.rindex(") ->")]
    args, defaults, depth, part = [], {}, 0, ""
    for ch in inside + ",":
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        if ch == "," and depth == 0:
            name = part.strip().split(":")[0]
            if name != "self":
                args.append(name)
                if " = " in part:
                    defaults[name] = ast.literal_eval(part.split(" = ")[-1].strip())
            part = ""
        else:
            part += ch
    return args, defaults


def test_every_public_name_is_in_the_stubs_and_the_other_way():
    stubs = stub_names(STUBS.body)
    assert set(festmatch.__all__) == set(stubs) - STUB_ONLY
    for name in STUB_ONLY:
        assert not hasattr(festmatch, name)


def test_functions_and_methods_take_what_the_stubs_say():
    stubs = stub_names(STUBS.body)
    checked = 0
    for name in festmatch.__all__:
        obj, stub = getattr(festmatch, name), stubs[name]
        if isinstance(stub, ast.FunctionDef):
            assert runtime_parameters(obj) == stub_parameters(stub), name
            checked += 1
        elif name in ("Event", "Schedule"):
            for method in stub.body:
                if isinstance(method, ast.FunctionDef) and not method.name.startswith("__"):
                    member = getattr(obj, method.name)
                    if isinstance(member, property):
                        continue
                    assert runtime_parameters(member) == stub_parameters(method), method.name
                    checked += 1
    assert checked == 5 + 4 + 2  # functions; Event's and Schedule's methods


def test_properties_are_the_stubs():
    stubs = stub_names(STUBS.body)
    for cls in (festmatch.Event, festmatch.Schedule):
        typed = {m.name for m in stubs[cls.__name__].body if isinstance(m, ast.FunctionDef)
                 and any(isinstance(d, ast.Name) and d.id == "property" for d in m.decorator_list)}
        actual = {k for k, v in vars(cls).items() if isinstance(v, property)}
        assert typed == actual, cls.__name__


def test_everything_public_has_a_docstring():
    for name in festmatch.__all__:
        obj = getattr(festmatch, name)
        if name == "__version__":
            assert re.fullmatch(r"\d+\.\d+\.\d+", obj)
            continue
        assert obj.__doc__ and len(obj.__doc__) > 40, name
        assert obj.__module__ == "festmatch", name
        if name in ("Event", "Schedule"):  # methods: signature line and text; properties: text
            for member in (m for m in vars(obj) if not m.startswith("_")):
                doc = getattr(obj, member).__doc__
                assert doc and len(doc.strip()) > 10, f"{name}.{member}"
    assert festmatch.__doc__ and "import festmatch" in festmatch.__doc__
