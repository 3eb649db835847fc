"""A process that analyzes keeps the model's large arrays in the heap, even where Dask's nanny has
set MALLOC_TRIM_THRESHOLD_ (which stops glibc from adapting): measured in page faults, in a
fresh process started the way a Dask worker is."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newsledger.allocator import runs_on_glibc

FAULTS_OF_BLOCKS = """
import json, resource
from newsledger.pipeline import prepared

def faults():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(200):
        block = b"x" * (1 << 20)  # 1 MiB, every page written, then freed
        del block
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

untuned = faults()
prepared()
print(json.dumps({"before": untuned, "after": faults()}))
"""


@pytest.mark.skipif(not runs_on_glibc(), reason="the thresholds are glibc's")
def test_freed_megabyte_blocks_are_reused_after_the_pipeline_is_prepared():
    env = {**os.environ, "MALLOC_TRIM_THRESHOLD_": "65536"}  # as Dask's nanny starts a worker
    for _ in range(5):  # now and then a fresh process reuses the blocks even untuned: try another
        run = subprocess.run([sys.executable, "-c", FAULTS_OF_BLOCKS], env=env, capture_output=True,
                             text=True, check=True)
        faults = json.loads(run.stdout.strip().splitlines()[-1])
        if faults["before"] > 200 * 200:  # each block mapped afresh: ~256 faults a block
            break
    else:
        pytest.skip(f"five fresh processes reused the freed blocks untuned ({faults}): nothing to show")
    assert faults["after"] < 2_000  # the heap reuses the freed block: a few faults in all
