"""The checks a reviewer would run by hand: Django's system checks, migrations in step with
the models, ruff, and the Dockerfile lint."""

import ast
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


class ProjectQualityTests(SimpleTestCase):
    def test_django_system_checks_pass_with_deploy_checks(self):
        out = StringIO()
        call_command("check", stdout=out)
        self.assertIn("no issues", out.getvalue())

    def test_migrations_match_the_models(self):
        result = run(sys.executable, "manage.py", "makemigrations", "--check", "--dry-run")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_ruff_lint_is_clean(self):
        result = run(str(BIN / "ruff"), "check", "--output-format", "concise", ".")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_ruff_format_is_clean(self):
        result = run(str(BIN / "ruff"), "format", "--check", ".")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_dockerfile_lint_is_clean(self):
        result = run(str(BIN / "hadolint"), "Dockerfile")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_ci_entry_point_is_valid_shell_that_runs_make_test(self):
        result = run("bash", "-n", ".ci/run")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
        self.assertEqual(lines[-1], "make test")

    def test_dockerfile_runs_as_non_root_without_migrating(self):
        dockerfile = (ROOT / "Dockerfile").read_text()
        self.assertEqual(dockerfile.count("FROM "), 2)  # multi-stage
        self.assertIn("USER 10001", dockerfile)
        self.assertIn("collectstatic", dockerfile)
        start_commands = [line for line in dockerfile.splitlines() if line.startswith(("CMD", "ENTRYPOINT"))]
        self.assertEqual(len(start_commands), 1)
        self.assertIn("gunicorn", start_commands[0])
        self.assertNotIn("migrate", start_commands[0])


def project_imports():
    """(graph, local): each project module's imports of project modules (module-level and
    inside functions), and the function-local ones as (module, line, has a comment above)."""
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py") if path.parent.name != "tests"}
    modules = {}
    for package in packages:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                parts = list(path.relative_to(ROOT).with_suffix("").parts)
                modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path

    def module_of(name):
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph, local = {name: set() for name in modules}, []
    for name, path in modules.items():
        source = path.read_text()
        tree = ast.parse(source)
        top_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            targets = [module_of(target) for target in targets if target.split(".")[0] in packages]
            graph[name].update(target for target in targets if target and target != name)
            if targets and id(node) not in top_level:
                line_above = source.splitlines()[node.lineno - 2].strip()
                local.append((name, node.lineno, line_above.startswith("#")))
    return graph, local


def import_cycles(graph):
    """The groups of modules that import each other, directly or round a loop (Tarjan)."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return cycles


class ImportStructureTests(SimpleTestCase):
    """Apps depend downwards (core, then press and teams, then the rest): a loop between
    modules loads only by luck of import order, and a function-local import hides one."""

    def test_no_import_cycles_among_project_modules(self):
        graph, _local = project_imports()
        self.assertGreater(len(graph), 30)  # the walk found the project
        self.assertEqual(import_cycles(graph), [])

    def test_function_local_imports_of_project_modules_say_why(self):
        _graph, local = project_imports()
        unexplained = [f"{module}:{line}" for module, line, explained in local if not explained]
        self.assertEqual(unexplained, [])
