"""The LLM gateway: litellm Router behind task aliases, with budget, cache and accounting."""

from intel.llm.errors import BudgetExceeded, LLMUnavailable
from intel.llm.gateway import Completion, LiteLLMGateway, LLMGateway
from intel.llm.settings import LLMSettings, get_llm_settings, load_llm_settings

__all__ = ["BudgetExceeded", "Completion", "LLMGateway", "LLMSettings", "LLMUnavailable",
           "LiteLLMGateway", "get_llm_settings", "load_llm_settings"]
