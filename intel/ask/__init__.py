"""`ask`: questions in plain language, routed to the capability that answers them best."""

from intel.ask.models import AskAnswer, AskRequest, Citation
from intel.ask.settings import AskSettings, get_ask_settings, load_ask_settings

__all__ = ["AskAnswer", "AskRequest", "AskSettings", "Citation", "get_ask_settings",
           "load_ask_settings"]
