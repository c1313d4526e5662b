"""Helpers for the executable report on U.S.-Mexico high-level security meetings.

Public contract: ``from helpers import load_dataset; ds = load_dataset()``.
"""

from .dataset import Dataset, load_dataset
from .errors import DataError

__all__ = ["DataError", "Dataset", "load_dataset"]
