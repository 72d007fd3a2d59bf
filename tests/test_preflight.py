"""tools/preflight.py: with a fake dpkg-query and a PATH in a temporary folder that lacks each
package or program in turn, the exact message, the install command and the exit status;
as root with apt-get, the missing packages are installed. Never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import preflight  # noqa: E402

PACKAGES = preflight.read_list()
BY_NAME = {p.name: p for p in PACKAGES}
PROGRAMS = ("pdfinfo", "pdffonts", "pdftotext", "pdftoppm", "pdftohtml")
TAIL = "then make test again (the list and what needs each package: .ci/debian-packages.txt). [setup.missing-packages]\n"

FAKE_DPKG = """#!{python}
# dpkg-query -W -f=... NAME...: the names in installed.json are installed, the others unknown.
import json, sys
installed = json.load(open({db!r}))
missing = False
for name in sys.argv[3:]:
    if name in installed:
        print(name + "\\tinstall ok installed")
    else:
        print("dpkg-query: no packages found matching " + name, file=sys.stderr)
        missing = True
sys.exit(1 if missing else 0)
"""

FAKE_APT = """#!{python}
# apt-get: logs its arguments; `install` marks the packages installed, unless told to fail.
import json, os, sys
with open({log!r}, "a") as fh:
    fh.write(" ".join(sys.argv[1:]) + " DEBIAN_FRONTEND=" + os.environ.get("DEBIAN_FRONTEND", "") + "\\n")
if os.path.exists({fail!r}):
    print("E: Unable to locate package", file=sys.stderr)
    sys.exit(100)
if sys.argv[1] == "install":
    installed = json.load(open({db!r}))
    installed += [a for a in sys.argv[2:] if not a.startswith("-")]
    json.dump(installed, open({db!r}, "w"))
"""


class Machine:
    """A temporary bin/ folder as the whole PATH, a package database and Chromium's path."""

    def __init__(self, tmp: Path) -> None:
        self.bin = tmp / "bin"
        self.bin.mkdir()
        self.db = tmp / "installed.json"
        self.log = tmp / "apt.log"
        self.fail = tmp / "apt-fails"
        self.chromium = self.bin / "chromium"
        self.db.write_text(json.dumps([p.name for p in PACKAGES]))
        self.tool("dpkg-query", FAKE_DPKG.format(python=sys.executable, db=str(self.db)))
        for name in PROGRAMS:
            self.tool(name, "#!/bin/sh\n")
        self.tool("chromium", "#!/bin/sh\n")
        self.env = {"PATH": str(self.bin), "CHROMIUM_PATH": str(self.chromium)}

    def tool(self, name: str, text: str) -> None:
        (self.bin / name).write_text(text)
        (self.bin / name).chmod(0o755)

    def uninstall(self, *names: str) -> None:
        self.db.write_text(json.dumps([n for n in json.loads(self.db.read_text()) if n not in names]))

    def with_apt(self) -> None:
        self.tool("apt-get", FAKE_APT.format(python=sys.executable, log=str(self.log), fail=str(self.fail),
                                             db=str(self.db)))


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    return Machine(tmp_path)


def run(machine: Machine, capsys: pytest.CaptureFixture[str], *targets: str, root: bool = False,
        **env: str) -> tuple[int, str]:
    status = preflight.main(list(targets), env={**machine.env, **env}, root=root)
    out, err = capsys.readouterr()
    assert out == ""
    return status, err


def test_all_present_is_silent(machine: Machine, capsys: pytest.CaptureFixture[str]) -> None:
    for target in ("site", "serve", "test", "diagrams", "screenshots"):
        assert run(machine, capsys, target) == (0, "")


@pytest.mark.parametrize("package", [p.name for p in PACKAGES if p.targets & {"test", "browser"}])
def test_each_missing_package_stops_make_test_with_the_install_command(
        machine: Machine, capsys: pytest.CaptureFixture[str], package: str) -> None:
    machine.uninstall(package)
    assert run(machine, capsys, "test") == (1, (
        f"make test: Debian packages are missing: {package} (not installed). Fix: run\n"
        f"    sudo apt-get install -y {package}\n" + TAIL))


def test_several_missing_packages_are_one_message_and_one_command(
        machine: Machine, capsys: pytest.CaptureFixture[str]) -> None:
    machine.uninstall("poppler-utils", "chromium", "libharfbuzz-subset0")
    assert run(machine, capsys, "test") == (1, (
        "make test: Debian packages are missing: libharfbuzz-subset0 (not installed), poppler-utils (not installed), "
        "chromium (not installed). Fix: run\n"
        "    sudo apt-get install -y libharfbuzz-subset0 poppler-utils chromium\n" + TAIL))


@pytest.mark.parametrize("program", PROGRAMS)
def test_each_missing_poppler_program_is_named_and_the_package_reinstalled(
        machine: Machine, capsys: pytest.CaptureFixture[str], program: str) -> None:
    (machine.bin / program).unlink()
    assert run(machine, capsys, "test") == (1, (
        f"make test: Debian packages are missing: poppler-utils ({program} not on PATH). Fix: run\n"
        f"    sudo apt-get install -y --reinstall poppler-utils\n" + TAIL))


def test_missing_chromium_is_named_by_its_path(machine: Machine, capsys: pytest.CaptureFixture[str]) -> None:
    machine.chromium.unlink()
    assert run(machine, capsys, "test") == (1, (
        f"make test: Debian packages are missing: chromium ({machine.chromium} is missing). Fix: run\n"
        "    sudo apt-get install -y --reinstall chromium\n" + TAIL))


def test_chromium_is_looked_for_at_usr_bin_chromium_by_default() -> None:
    assert BY_NAME["chromium"].programs == ("CHROMIUM_PATH=/usr/bin/chromium",)
    assert preflight.program_path("CHROMIUM_PATH=/usr/bin/chromium", {}) == "/usr/bin/chromium"
    assert preflight.program_path("CHROMIUM_PATH=/usr/bin/chromium", {"CHROMIUM_PATH": "/opt/c"}) == "/opt/c"


def test_browser_tests_skip_leaves_chromium_out(machine: Machine, capsys: pytest.CaptureFixture[str]) -> None:
    machine.uninstall("chromium")
    assert run(machine, capsys, "test", BROWSER_TESTS="skip") == (0, "")


def test_make_site_needs_only_what_the_pdfs_need(machine: Machine, capsys: pytest.CaptureFixture[str]) -> None:
    machine.uninstall("poppler-utils", "chromium")
    for program in PROGRAMS:
        (machine.bin / program).unlink()
    assert run(machine, capsys, "site") == (0, "")
    assert run(machine, capsys, "serve") == (0, "")  # the preview renders no PDFs
    machine.uninstall("libpango-1.0-0", "fonts-dejavu-core")
    assert run(machine, capsys, "site") == (1, (
        "make site: Debian packages are missing: libpango-1.0-0 (not installed), fonts-dejavu-core (not installed). "
        "Fix: run\n    sudo apt-get install -y libpango-1.0-0 fonts-dejavu-core\n"
        "then make site again (the list and what needs each package: .ci/debian-packages.txt). "
        "[setup.missing-packages]\n"))


def test_as_root_without_apt_get_the_command_has_no_sudo(machine: Machine, capsys: pytest.CaptureFixture[str]) -> None:
    machine.uninstall("poppler-utils")
    status, err = run(machine, capsys, "test", root=True)
    assert status == 1 and "\n    apt-get install -y poppler-utils\n" in err


def test_as_root_with_apt_get_the_missing_packages_are_installed(
        machine: Machine, capsys: pytest.CaptureFixture[str]) -> None:
    machine.uninstall("poppler-utils", "chromium")
    machine.with_apt()
    assert run(machine, capsys, "test", root=True) == (
        0, "make test: installing the missing Debian packages with apt-get: poppler-utils chromium\n")
    assert machine.log.read_text().splitlines() == [
        "update -qq DEBIAN_FRONTEND=noninteractive",
        "install -y -qq --no-install-recommends poppler-utils chromium DEBIAN_FRONTEND=noninteractive"]
    assert run(machine, capsys, "test", root=True) == (0, "")


def test_a_failed_apt_get_is_one_message(machine: Machine, capsys: pytest.CaptureFixture[str]) -> None:
    machine.uninstall("poppler-utils")
    machine.with_apt()
    machine.fail.touch()
    status, err = run(machine, capsys, "test", root=True)
    assert status == 1
    assert err.splitlines()[-1] == (
        "make test: the Debian packages could not be installed: `apt-get update` failed with exit status 100 "
        "(its messages are above). Fix: run `apt-get install -y poppler-utils` yourself and read its messages. "
        "[setup.install-failed]")


def test_without_dpkg_the_programs_are_checked(machine: Machine, capsys: pytest.CaptureFixture[str]) -> None:
    (machine.bin / "dpkg-query").unlink()
    assert run(machine, capsys, "test") == (0, "")
    (machine.bin / "pdftotext").unlink()
    assert run(machine, capsys, "test") == (1, (
        "make test: programs are missing: poppler-utils (pdftotext not on PATH). Fix: install them with your "
        "system's package manager (on Debian or Ubuntu: `sudo apt-get install -y poppler-utils`), "
        "then run make test again. [setup.missing-packages]\n"))


def test_a_broken_list_line_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("# comment\nchromium browser,tests /usr/bin/chromium\n")
    assert preflight.run(["test"], {"PATH": ""}, root=False, label="make test", path=str(listing)) == 1
    assert capsys.readouterr().err == (
        "make test: .ci/debian-packages.txt:2: unknown target 'tests' for chromium. "
        "Fix: use site, serve, test, browser, diagrams, screenshots [setup.package-list]\n")
    listing.write_text("chromium\n")
    assert preflight.run(["test"], {"PATH": ""}, root=False, label="make test", path=str(listing)) == 1
    assert capsys.readouterr().err == (
        "make test: .ci/debian-packages.txt:1: 'chromium' is not 'PACKAGE TARGETS [PROGRAMS]'. Fix: write the "
        "package, the make targets that need it and, if the code runs programs from it, those programs, "
        "separated by spaces [setup.package-list]\n")


def test_unknown_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert preflight.main(["tset"], env={}, root=False) == 2
    assert capsys.readouterr().err == (
        "tools/preflight.py: unknown target 'tset'. Fix: give one or more of site, serve, test, browser, "
        "diagrams, screenshots, or all (e.g. `tools/preflight.py test`). [setup.unknown-target]\n")


def test_the_command_line_stops_without_a_traceback(machine: Machine) -> None:
    machine.uninstall("poppler-utils")
    done = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "tools" / "preflight.py"), "test"],
                          env=machine.env, capture_output=True, text=True, timeout=30, check=False)
    sudo = "" if os.geteuid() == 0 else "sudo "  # no apt-get on this PATH: stop, even as root
    assert (done.returncode, done.stdout, done.stderr) == (1, "", (
        "make test: Debian packages are missing: poppler-utils (not installed). Fix: run\n"
        f"    {sudo}apt-get install -y poppler-utils\n" + TAIL))


def test_when_all_is_present_the_command_line_passes_in_silence(machine: Machine) -> None:
    """Without the site packages (`-S`), as every make target runs it first; how long it
    takes is measured by `make bench` (part `check`), not here."""
    done = subprocess.run([sys.executable, "-I", "-S", str(ROOT / "tools" / "preflight.py"), "test"],
                          env=machine.env, capture_output=True, text=True, timeout=30, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_every_make_target_that_needs_packages_runs_the_preflight_first() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("site", "serve", "test", "diagrams", "screenshots"):
        assert f"\n{target}: preflight-{target} " in makefile, target
    ci_install = (ROOT / ".ci" / "install-packages").read_text(encoding="utf-8")
    assert "tools/preflight.py --label .ci/install-packages" in ci_install


# ── make doctor (tools/doctor.py) ───────────────────────────────────────────────────

def test_doctor_shows_each_prerequisite_and_the_command_for_what_is_missing(tmp_path: Path) -> None:
    gone = tmp_path / "no-chromium"
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "doctor.py")], capture_output=True, text=True,
                          timeout=120, check=False, env={**os.environ, "CHROMIUM_PATH": str(gone)})
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and done.stderr == "" and "Traceback" not in done.stdout
    for label in ("Python", ".venv", "node, npm", "node_modules", *BY_NAME, "Chromium", "bibliography",
                  "citation style", "references", "reading grades", "templates"):
        assert any(ln.startswith(f"  {label} ") for ln in lines), label
    assert f"  chromium             {gone} is missing" in done.stdout
    assert f"  Chromium             not found at {gone}  [MISSING]" in lines
    sudo = "" if os.geteuid() == 0 else "sudo "
    assert lines[-1].startswith(f"To fix what is missing, run: {sudo}apt-get install -y --reinstall chromium")
    assert len(lines) <= 24  # one screen


# ── tests/programs.py: what a test that runs a program does when it is missing ─────

def test_a_test_whose_program_is_missing_fails_with_the_install_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from programs import require

    sudo = "" if os.geteuid() == 0 else "sudo "
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception) as failed:
        require("pdfinfo")
    assert str(failed.value) == (
        f"pdfinfo not on PATH: it comes with the Debian package poppler-utils. Fix: run `{sudo}apt-get install -y "
        "poppler-utils` (make test installs it when run as root; see .ci/debian-packages.txt)")
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "chromium"))
    with pytest.raises(pytest.fail.Exception) as failed:
        require("chromium")
    assert str(failed.value).startswith(f"{tmp_path / 'chromium'} is missing: it comes with the Debian package chromium.")
    (tmp_path / "pdfinfo").write_text("#!/bin/sh\n")
    (tmp_path / "pdfinfo").chmod(0o755)
    assert require("pdfinfo") == str(tmp_path / "pdfinfo")


def test_make_test_stops_at_the_preflight_before_any_test_runs(machine: Machine) -> None:
    machine.uninstall("poppler-utils")
    machine.with_apt()
    machine.fail.touch()  # as root, make would install: this apt-get fails, so both ways make stops
    env = {**os.environ, "PATH": f"{machine.bin}{os.pathsep}{os.environ['PATH']}", "CHROMIUM_PATH": str(machine.chromium)}
    done = subprocess.run(["make", "-s", "-o", "bootstrap", "test"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    # No pytest output: make stopped before the suite started.
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    if os.geteuid() == 0:
        assert "make test: the Debian packages could not be installed: `apt-get update` failed" in done.stderr
    else:
        assert done.stderr.startswith("make test: Debian packages are missing: poppler-utils (not installed). Fix: run\n"
                                      "    sudo apt-get install -y poppler-utils\n")
    assert "Error 1" in done.stderr.splitlines()[-1]
