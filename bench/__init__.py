"""`make bench`: speed and robustness figures, reported as ratios measured in one run."""
