"""Docs are checked against the code (as datasette does): no field or code goes undocumented."""

import json
import re

from newsprism import errors
from newsprism.settings import data_path
from support import ROOT

FORMAT = (ROOT / "docs" / "FORMAT.md").read_text("utf-8")


def _properties(schema: dict, out: set[str]) -> set[str]:
    for key, sub in schema.get("properties", {}).items():
        out.add(key)
        items = sub.get("items", {})
        for part in (sub, items, *sub.get("oneOf", []), *items.get("oneOf", [])):
            if isinstance(part, dict):
                _properties(part, out)
    return out


def test_format_doc_lists_every_schema_field():
    schema = json.loads(data_path("analysis.schema.json").read_text("utf-8"))
    fields = _properties(schema, set())
    assert {"quotes", "speaker", "stance", "granularity", "signals"} <= fields
    in_code = {w for span in re.findall(r"`([^`]+)`", FORMAT) for w in re.findall(r"\w+", span)}
    missing = sorted(fields - in_code)
    assert not missing, f"docs/FORMAT.md does not mention: {missing}"


def test_format_doc_lists_every_error_code():
    codes = {
        cls.code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.NewsprismError)
    }
    codes.discard(errors.NewsprismError.code)
    codes.discard(errors.InputError.code)
    documented = set(re.findall(r"^\| (N\d{3}) \|", FORMAT, re.M))
    assert codes == documented


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    head = readme[:1500]
    assert "make demo" in head and "make test" in head
    makefile = (ROOT / "Makefile").read_text("utf-8")
    for target in ("demo", "test", "bench"):
        assert re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")


def _doc_commands() -> list[tuple[str, list[str]]]:
    """Every ``newsprism ...`` command line in the fenced code blocks of the docs (continued
    lines joined, comments and ``[optional]`` parts dropped, ``...`` placeholders filled)."""
    import shlex

    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        blocks = re.findall(r"^```[^\n]*\n(.*?)^```", path.read_text("utf-8"), re.M | re.S)
        for block in blocks:
            for line in block.replace("\\\n", " ").splitlines():
                line = line.split("#", 1)[0].removeprefix("$ ").strip()
                if not line.startswith("newsprism ") or "{" in line:
                    continue  # a "{a,b}" line lists choices, it is not one command
                line = re.sub(r"\[[^\]]*\]", " ", line)
                line = re.sub(r"(?<=\s)\.\.\.(?=\s|$)", "X", line)  # an elided value
                line = line.replace("...", "")  # "PATH..." = one or more
                words = shlex.split(line)[1:]
                found.append((path.name, words))
    return found


def test_doc_commands_parse():
    """Each documented command line is accepted by the CLI's parsers, eval options included
    (a renamed or removed option fails here, not in a reader's shell)."""
    from newsprism import cli

    commands = _doc_commands()
    assert any(words[:2] == ["eval", "quotes"] for _, words in commands)
    for name, words in commands:
        try:
            args = cli.build_parser().parse_args(words)
            if args.command == "eval":
                cli.eval_parser(args.task).parse_args(args.task_args)
        except SystemExit as exc:
            raise AssertionError(f"{name}: 'newsprism {' '.join(words)}' does not parse") from exc
