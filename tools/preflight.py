"""Check, before a make target runs, that the Debian packages it needs are installed.

Why: without them `make test` used to run for twenty minutes and end in tracebacks
(`FileNotFoundError: 'pdfinfo'`). The one list is `.ci/debian-packages.txt`: each package,
the make targets that need it and the programs the code runs from it. Missing packages are
installed when this runs as root with apt-get (CI, containers); otherwise it stops at once
with one message that gives the exact install command.

It runs before every `make site`, `make serve` and `make test`, so the path where all is
present must take a few milliseconds: only `os` and `sys` are imported, and dpkg-query is
started once, with `os.posix_spawn` (importing `subprocess` alone costs about 15 ms).
It uses only the standard library, so it runs before `.venv` exists. `make doctor`
(tools/doctor.py) reads the same list through `read_list` and `status`.

    tools/preflight.py TARGET...       # e.g. `test`; `all` for every package
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for the annotations only: importing them costs a few milliseconds
    from collections.abc import Mapping, Sequence

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIST = os.path.join(ROOT, ".ci", "debian-packages.txt")
LIST_NAME = ".ci/debian-packages.txt"
TARGETS = ("site", "serve", "test", "browser", "diagrams", "screenshots")


def tag(message: str, code: str) -> str:
    """`message` with its code (declared in hooks/core/codes.py; tests/test_problem_codes.py
    checks it) at the end: core.codes is not imported, to keep the start-up to os and sys."""
    return f"{message} [{code}]"


class ListError(Exception):
    """A line of the package list that cannot be read: its file, line and a fix."""


class Package:
    """One line of the list (a plain class: `dataclasses` takes 10 ms to import)."""

    __slots__ = ("name", "targets", "programs", "why")

    def __init__(self, name: str, targets: frozenset[str], programs: tuple[str, ...], why: str) -> None:
        self.name = name
        self.targets = targets
        self.programs = programs  # "pdfinfo" (looked up on PATH) or "VARIABLE=/default/path"
        self.why = why


class Status:
    """What is missing of one package: `installed` is None when dpkg-query is not there."""

    __slots__ = ("package", "installed", "missing_programs")

    def __init__(self, package: Package, installed: bool | None, missing_programs: tuple[str, ...]) -> None:
        self.package = package
        self.installed = installed
        self.missing_programs = missing_programs

    @property
    def ok(self) -> bool:
        return self.installed is not False and not self.missing_programs


def read_list(path: str = LIST) -> list[Package]:
    """Every package of the list, in its order."""
    packages: list[Package] = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            text, _, why = line.partition("#")
            fields = text.split()
            if not fields:
                continue
            if len(fields) > 3 or len(fields) < 2:
                raise ListError(tag(f"{LIST_NAME}:{number}: '{text.strip()}' is not 'PACKAGE TARGETS [PROGRAMS]'. "
                                    f"Fix: write the package, the make targets that need it and, if the code runs "
                                    f"programs from it, those programs, separated by spaces", "setup.package-list"))
            targets = frozenset(fields[1].split(","))
            unknown = sorted(targets - set(TARGETS))
            if unknown:
                raise ListError(tag(f"{LIST_NAME}:{number}: unknown target '{unknown[0]}' for {fields[0]}. "
                                    f"Fix: use {', '.join(TARGETS)}", "setup.package-list"))
            programs = tuple(p for p in fields[2].split(",") if p) if len(fields) == 3 else ()
            packages.append(Package(fields[0], targets, programs, why.strip()))
    return packages


def needed(packages: Sequence[Package], targets: Sequence[str], env: Mapping[str, str]) -> list[Package]:
    """The packages the targets need. `make test` runs the browser tests too, unless
    BROWSER_TESTS=skip; `all` names every package."""
    wanted = set(targets)
    if "test" in wanted and env.get("BROWSER_TESTS") != "skip":
        wanted.add("browser")
    return [p for p in packages if "all" in wanted or p.targets & wanted]


def which(name: str, env: Mapping[str, str]) -> str | None:
    """The executable `name` on env's PATH (shutil.which, without importing shutil)."""
    for folder in env.get("PATH", os.defpath).split(os.pathsep):
        candidate = os.path.join(folder or ".", name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def program_path(program: str, env: Mapping[str, str]) -> str:
    """Where a program of the list is looked for: `VARIABLE=/path` is the variable's value or
    the path; a plain name is looked up on PATH."""
    variable, equals, default = program.partition("=")
    return (env.get(variable) or default) if equals else program


def found(program: str, env: Mapping[str, str]) -> bool:
    path = program_path(program, env)
    if "/" in path:
        return os.path.isfile(path) and os.access(path, os.X_OK)
    return which(path, env) is not None


def _spawn_output(argv: list[str], env: Mapping[str, str]) -> str:
    """The standard output of a short command (its errors dropped), started without `subprocess`."""
    read_end, write_end = os.pipe()
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        pid = os.posix_spawn(argv[0], argv, dict(env), file_actions=[
            (os.POSIX_SPAWN_DUP2, write_end, 1), (os.POSIX_SPAWN_DUP2, devnull, 2),
            (os.POSIX_SPAWN_CLOSE, read_end)])
    finally:
        os.close(write_end)
        os.close(devnull)
    chunks = []
    with os.fdopen(read_end, "rb") as fh:
        while chunk := fh.read(65536):
            chunks.append(chunk)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode("utf-8", "replace")


def installed_packages(names: Sequence[str], env: Mapping[str, str]) -> set[str] | None:
    """Which of `names` dpkg lists as installed; None when there is no dpkg-query."""
    dpkg_query = which("dpkg-query", env)
    if dpkg_query is None:
        return None
    out = _spawn_output([dpkg_query, "-W", "-f=${Package}\t${Status}\n", *names], env)
    found_names = set()
    for line in out.splitlines():
        name, _, state = line.partition("\t")
        if state.endswith(" installed"):  # not "deinstall ok config-files" (removed, its files kept)
            found_names.add(name.split(":")[0])
    return found_names


def status(packages: Sequence[Package], env: Mapping[str, str]) -> list[Status]:
    """Each package's state: installed per dpkg, and which of its programs cannot be found."""
    if not packages:
        return []
    installed = installed_packages([p.name for p in packages], env)
    return [Status(p, None if installed is None else p.name in installed,
                   tuple(prog for prog in p.programs if not found(prog, env))) for p in packages]


def install_command(missing: Sequence[Status], root: bool) -> str:
    """The one line that installs the missing packages (again, when dpkg lists one as
    installed whose program is gone)."""
    reinstall = " --reinstall" if any(s.installed for s in missing) else ""
    return f"{'' if root else 'sudo '}apt-get install -y{reinstall} {' '.join(s.package.name for s in missing)}"


def describe(state: Status, env: Mapping[str, str]) -> str:
    """'poppler-utils (not installed)' or 'chromium (/usr/bin/chromium is missing)'."""
    gone = [program_path(p, env) for p in state.missing_programs]
    if state.installed is False:
        return f"{state.package.name} (not installed)"
    where = "is missing" if len(gone) == 1 and "/" in gone[0] else "not on PATH"
    return f"{state.package.name} ({', '.join(gone)} {where})"


def missing_message(label: str, missing: Sequence[Status], env: Mapping[str, str], root: bool) -> str:
    """The one message for what is missing: which packages and why, and the command that installs them."""
    listed = ", ".join(describe(s, env) for s in missing)
    command = install_command(missing, root)
    if any(s.installed is None for s in missing):  # no dpkg: not a Debian machine
        return tag(f"{label}: programs are missing: {listed}. Fix: install them with your system's package "
                   f"manager (on Debian or Ubuntu: `{command}`), then run {label} again.", "setup.missing-packages")
    return tag(f"{label}: Debian packages are missing: {listed}. Fix: run\n    {command}\n"
               f"then {label} again (the list and what needs each package: {LIST_NAME}).", "setup.missing-packages")


def install(missing: Sequence[Status], label: str, env: Mapping[str, str]) -> str | None:
    """Install the missing packages with apt-get; None on success, else why it failed."""
    import subprocess

    names = [s.package.name for s in missing]
    reinstall = ["--reinstall"] if any(s.installed for s in missing) else []
    print(f"{label}: installing the missing Debian packages with apt-get: {' '.join(names)}", file=sys.stderr)
    apt_env = {**env, "DEBIAN_FRONTEND": "noninteractive"}
    for argv in (["apt-get", "update", "-qq"],
                 ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *reinstall, *names]):
        try:
            done = subprocess.run(argv, env=apt_env, check=False)
        except OSError as exc:
            return f"{' '.join(argv[:2])} could not start ({exc.strerror})"
        if done.returncode != 0:
            return f"`{' '.join(argv[:2])}` failed with exit status {done.returncode} (its messages are above)"
    return None


def run(targets: Sequence[str], env: Mapping[str, str], *, root: bool, label: str, path: str = LIST) -> int:
    """Check (and, as root with apt-get, install) what `targets` need; the exit status."""
    try:
        packages = needed(read_list(path), targets, env)
    except (OSError, UnicodeDecodeError) as exc:
        print(tag(f"{label}: cannot read {LIST_NAME} ({exc}). Fix: restore it from git "
                  f"(`git checkout -- {LIST_NAME}`).", "setup.package-list"), file=sys.stderr)
        return 1
    except ListError as exc:
        print(f"{label}: {exc}", file=sys.stderr)
        return 1
    missing = [s for s in status(packages, env) if not s.ok]
    if not missing:
        return 0
    if root and which("apt-get", env) and all(s.installed is not None for s in missing):
        failure = install(missing, label, env)
        missing = [s for s in status([s.package for s in missing], env) if not s.ok]
        if failure or missing:
            reason = failure or f"still missing after apt-get: {', '.join(describe(s, env) for s in missing)}"
            print(tag(f"{label}: the Debian packages could not be installed: {reason}. Fix: run "
                      f"`{install_command(missing, root)}` yourself and read its messages.", "setup.install-failed"),
                  file=sys.stderr)
            return 1
        return 0
    print(missing_message(label, missing, env, root), file=sys.stderr)
    return 1


def main(argv: Sequence[str], env: Mapping[str, str] | None = None, root: bool | None = None) -> int:
    env = os.environ if env is None else env
    root = os.geteuid() == 0 if root is None else root
    args = list(argv)
    label = None
    if args[:1] == ["--label"] and len(args) > 1:
        label, args = args[1], args[2:]
    unknown = [a for a in args if a not in TARGETS and a != "all"]
    if not args or unknown:
        print(tag(f"{label or 'tools/preflight.py'}: {'unknown target ' + repr(unknown[0]) if unknown else 'no target given'}. "
                  f"Fix: give one or more of {', '.join(TARGETS)}, or all (e.g. `tools/preflight.py test`).",
                  "setup.unknown-target"), file=sys.stderr)
        return 2
    return run(args, env, root=root, label=label or f"make {' '.join(args)}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
