"""Helder's benchmark suite: ratios against a raw baseline measured in the same run."""
