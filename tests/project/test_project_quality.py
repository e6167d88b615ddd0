"""The checks a reviewer would run by hand: Django's system checks, migrations in step with
the models, ruff, and the Dockerfile lint."""

import ast
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parents[2]
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

    def test_no_module_but_a_migration_is_over_600_lines(self):
        """The house rule that keeps a module readable in one sitting (tests included)."""
        tracked = run("git", "-C", str(ROOT), "ls-files", "*.py").stdout.split()
        long = {
            path: n
            for path in tracked
            if "/migrations/" not in path and (n := len((ROOT / path).read_text().splitlines())) > 600
        }
        self.assertEqual(long, {})


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


# --- The README's map of the house, checked against the tree ---------------------------------
# The layout block lists every project app and top-level folder; the import table says, row by
# row, exactly which of our folders each folder's code imports (not what it might). Both are
# the first two fenced blocks under "## The house". When the tree changes, the README changes
# with it: these tests name the drift.

# Top-level folders that are no part of the house: made by tools, never committed.
NOT_THE_HOUSE = {"var", "node_modules", "test-artifacts", "media", "static_collected"}


def top_level_folders():
    """Folders at the top of the checkout holding files git tracks or would track."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    folders = {path.split("/", 1)[0] for path in listed if "/" in path}
    return {folder for folder in folders if not folder.startswith(".") and folder not in NOT_THE_HOUSE}


def readme_house_blocks():
    """(layout lines, import table lines): the first two fenced blocks under "## The house"."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## The house\n", 1)[1].split("\n## ", 1)[0]
    blocks = section.split("```")[1::2]
    if len(blocks) < 2:
        raise AssertionError('README.md: "## The house" needs two fenced blocks, the layout and the import table')
    return [block.split("\n", 1)[1].splitlines() for block in blocks[:2]]


def readme_layout():
    """The entries of the layout block: its unindented lines' first words (``core/``, ``Dockerfile``)."""
    layout, _table = readme_house_blocks()
    return [line.split()[0] for line in layout if line and not line[0].isspace()]


def readme_import_table():
    """{folder: set of folders it imports}, from rows such as ``home, search ← core, press (why)``."""
    _layout, table = readme_house_blocks()
    rows = {}
    for line in table:
        if not line.strip():
            continue
        importers, _arrow, imported = line.partition("←")
        imported = re.sub(r"\([^)]*\)", "", imported).replace("nothing of ours", "")
        for importer in (name.strip() for name in importers.split(",")):
            if importer in rows:
                raise AssertionError(f"README.md's import table has two rows for {importer}")
            rows[importer] = {name.strip() for name in imported.split(",") if name.strip()}
    return rows


def folder_imports():
    """{folder: the other top-level folders its Python code imports}, for every folder with Python
    code but tests/ (which imports everything). Function-local imports count; migrations
    (history) and names in strings (settings, URL includes) do not."""
    folders = top_level_folders()
    found = {}
    for folder in sorted(folders - {"tests"}):
        paths = [path for path in (ROOT / folder).rglob("*.py") if "migrations" not in path.parts]
        if not paths:
            continue
        found[folder] = set()
        for path in paths:
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    continue
                found[folder].update(top for top in (name.split(".")[0] for name in names) if top in folders)
        found[folder].discard(folder)
    return found


class ReadmeHouseMapTests(SimpleTestCase):
    """The README's layout and import table say what the tree is (see docs/developers.md,
    "Conventions"): a drift fails here, naming the entry to add, remove or correct."""

    def test_the_layout_lists_every_project_app_and_top_level_folder_and_nothing_gone(self):
        listed = readme_layout()
        listed_folders = {entry.rstrip("/") for entry in listed if entry.endswith("/")}
        apps = {app for app in settings.INSTALLED_APPS if "." not in app and (ROOT / app).is_dir()}
        self.assertIn("core", apps)  # the project's apps were found
        problems = [
            f"{name}/ is a project app or top-level folder missing from README.md's layout"
            for name in sorted((top_level_folders() | apps) - listed_folders)
        ]
        gone = [entry for entry in listed if not (ROOT / entry).exists()]
        problems += [f"{entry} is in README.md's layout but not in the tree" for entry in gone]
        problems += [
            f"{name}/ is an app (it has apps.py) in README.md's layout but not in INSTALLED_APPS"
            for name in sorted(listed_folders - apps)
            if (ROOT / name / "apps.py").exists()
        ]
        self.assertEqual(problems, [], "\n".join(problems))

    def test_the_import_table_says_exactly_which_app_imports_which(self):
        table, actual = readme_import_table(), folder_imports()
        self.assertGreater(len(actual), 20)  # the walk found the project
        missing, extra = sorted(actual.keys() - table.keys()), sorted(table.keys() - actual.keys())
        problems = [f"{folder} has Python code but no row in README.md's import table" for folder in missing]
        problems += [f"README.md's import table has a row for {folder}, which has no Python code" for folder in extra]
        for folder in sorted(actual.keys() & table.keys()):
            unnamed, unused = sorted(actual[folder] - table[folder]), sorted(table[folder] - actual[folder])
            problems += [f"{folder} imports {other}, not in its README import table row" for other in unnamed]
            problems += [f"README's import table: {folder} ← {other}, but it imports no {other}" for other in unused]
        self.assertEqual(problems, [], "\n".join(problems))
