"""Aligns one sample: the array index picks which one."""
import os
import sys

index = int(os.environ.get("AWS_BATCH_JOB_ARRAY_INDEX", "0"))
print(f"aligning sample {index} of run {sys.argv[-1]}")
