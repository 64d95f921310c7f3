"""Docs that cannot drift: the README's commands, the error codes, the CLI reference."""

import re
from pathlib import Path

from typer.main import get_command

from conflictwire.cli import app
from conflictwire.errors import all_error_classes

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.startswith("python3 -m venv")]


def test_docs_readme_has_the_two_setup_commands():
    commands = _readme_commands()
    assert len(commands) == 2
    assert "conflictwire run examples/" in commands[0]
    assert "pytest" in commands[1]


def test_docs_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text()
    assert _readme_commands()[1] in ci.splitlines()


def test_docs_every_error_code_is_documented():
    doc = (ROOT / "docs" / "errors.md").read_text()
    for cls in all_error_classes():
        assert f"| {cls.code} | {cls.__name__} |" in doc, cls.__name__


def test_docs_every_command_appears_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    group = get_command(app)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            for sub in command.commands:
                assert f"conflictwire {name} {sub}" in readme, f"{name} {sub}"
        else:
            assert f"conflictwire {name}" in readme, name
