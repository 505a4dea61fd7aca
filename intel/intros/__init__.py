"""Warm-introduction paths: exact k-best paths over a bounded neighbourhood of the graph."""

from intel.intros.models import IntroPath, IntroRequest, IntroResult
from intel.intros.service import IntroFinder
from intel.intros.settings import IntroSettings, get_intro_settings

__all__ = ["IntroFinder", "IntroPath", "IntroRequest", "IntroResult", "IntroSettings",
           "get_intro_settings"]
