"""The data ships inside the wheel and loads from an installed wheel outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_loads_a_table(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(REPO),
        ],
        check=True,
    )
    (wheel,) = dist.glob("coprod_data-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "coprod_data/_data/datapackage.json" in names
    assert "coprod_data/_data/resources/response_rates.csv" in names

    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            "--target",
            site,
            str(wheel),
        ],
        check=True,
    )
    # The fresh venv gets this environment's dependencies (pandas, pandera...) through a .pth
    # placed after its own site-packages, so the wheel's coprod_data is the one imported.
    deps = sysconfig.get_paths()["purelib"]
    Path(site, "zz_deps.pth").write_text(deps + "\n", encoding="utf-8")
    code = (
        "import coprod_data, coprod_data.paths as p; df = coprod_data.load('response_rates'); "
        "print(coprod_data.__file__); print(p.package_root()); print(len(df)); print(coprod_data.__version__)"
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run(
        [str(py), "-c", code], cwd=outside, capture_output=True, text=True, check=True, env=env
    ).stdout.split("\n")
    module_file, root, rows, version = out[:4]
    assert module_file.startswith(site)
    assert root == str(Path(site) / "coprod_data" / "_data")
    assert int(rows) == 12
    import coprod_data

    assert version == coprod_data.__version__
