"""Hypothesis settings for the whole suite: no per-example deadline and no "too slow" health check,
since both measure how loaded the machine is, not the code. `HYPOTHESIS_PROFILE=long` fuzzes longer."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
