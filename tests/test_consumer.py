"""A real consumer: datamodel-code-generator reads the OpenAPI generated for specs/ and the
models it writes import (pydantic v2 and plain dataclasses)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from test_emit_openapi import specs_model

from generator.emit import emit_texts
from generator.emit.openapi import OPENAPI_PATH
from generator.options import Options

pytestmark = pytest.mark.slow


def _tool() -> list[str]:
    if importlib.util.find_spec("datamodel_code_generator") is None:
        pytest.skip("datamodel-code-generator is not installed (pip install '.[test]')")
    return [sys.executable, "-m", "datamodel_code_generator"]


@pytest.mark.parametrize("output_model", ["pydantic_v2.BaseModel", "dataclasses.dataclass"])
@pytest.mark.parametrize("version", ["3.0.4", "3.1"])
def test_generated_openapi_becomes_importable_models(tmp_path: Path, version: str,
                                                     output_model: str) -> None:
    if output_model.startswith("pydantic") and importlib.util.find_spec("pydantic") is None:
        pytest.skip("pydantic is not installed")
    tool = _tool()
    options = Options(openapi_version=version)
    document = emit_texts(specs_model(), options, "openapi")[OPENAPI_PATH]
    spec = tmp_path / "openapi.yaml"
    spec.write_text(document, encoding="utf-8")
    out = tmp_path / "models"  # dotted schema names become a package: microsoft/graph/...
    run = subprocess.run(
        [*tool, "--input", str(spec), "--input-file-type", "openapi", "--output", str(out),
         "--output-model-type", output_model, "--target-python-version", "3.10"],
        capture_output=True, text=True, check=False, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    imported = subprocess.run(
        [sys.executable, "-c",
         "import microsoft.graph as g; print(g.VirtualEventSession.__name__, "
         "[c.__name__ for c in g.VirtualEventSession.__mro__][1])"],
        cwd=out, capture_output=True, text=True, check=False, timeout=300)
    assert imported.returncode == 0, imported.stderr[-3000:]
    assert imported.stdout.split() == ["VirtualEventSession", "OnlineMeetingBase"]
