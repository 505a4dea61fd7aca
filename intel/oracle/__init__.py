"""The Oracle's numbers: pipeline, forecast, win/loss, alerts, next actions (docs/oracle.md).

Public API:
- `Oracle(store, settings, scores, pipeline)`: `pipeline_view()`, `forecast()`,
  `win_loss()`, `alerts()`, `account_outlook(id)`
- `OracleSettings` / `get_oracle_settings()` (env prefix RAPPORT_ORACLE_)
"""

from intel.oracle.models import Alert, Alerts, Forecast, Period, PipelineView, Totals, WinLoss
from intel.oracle.service import Oracle
from intel.oracle.settings import OracleSettings, get_oracle_settings, load_oracle_settings

__all__ = ["Alert", "Alerts", "Forecast", "Oracle", "OracleSettings", "Period", "PipelineView",
           "Totals", "WinLoss", "get_oracle_settings", "load_oracle_settings"]
