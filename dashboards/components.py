"""Shared widgets of the dashboards: the cached API call, friendly errors, formats, theme."""

from __future__ import annotations

from typing import Any, NoReturn

import streamlit as st

from dashboards.client import DashboardError, RapportClient
from dashboards.settings import load_dashboard_settings

COLORS = {"Member": "#2563eb", "Contact": "#16a34a", "Account": "#9333ea",
          "Deal": "#ea580c", "Property": "#0891b2"}
CACHE_TTL_S = 30  # short: leadership want fresh numbers, sellers click around a lot


def client() -> RapportClient:
    settings = load_dashboard_settings()
    return RapportClient(settings.api_url, settings.api_key, settings.timeout_s)


@st.cache_data(ttl=CACHE_TTL_S, show_spinner=False)
def _cached(base_url: str, api_key: str, method: str, args: tuple[Any, ...],
            kwargs: tuple[tuple[str, Any], ...]) -> Any:
    settings = load_dashboard_settings()
    api = RapportClient(base_url, api_key, settings.timeout_s)
    return getattr(api, method)(*args, **dict(kwargs))


def cached(method: str, *args: Any, **kwargs: Any) -> Any:
    """`RapportClient.<method>(*args, **kwargs)` through Streamlit's cache (per URL and key,
    so two keys never share answers); a failure stops the page with a friendly message."""
    settings = load_dashboard_settings()
    try:
        return _cached(settings.api_url, settings.api_key, method, args,
                       tuple(sorted(kwargs.items())))
    except DashboardError as e:
        fail(e)


def call(method: str, *args: Any, **kwargs: Any) -> Any:
    """An uncached call (writes, questions); failures shown like `cached`."""
    try:
        return getattr(client(), method)(*args, **kwargs)
    except DashboardError as e:
        fail(e)


def fail(error: DashboardError) -> NoReturn:
    st.error(str(error), icon=":material/cloud_off:")
    st.caption("Check RAPPORT_DASHBOARD_API_URL and RAPPORT_DASHBOARD_API_KEY, then reload.")
    st.stop()
    raise AssertionError("st.stop() returns only outside Streamlit")  # for the type checker


CLOSED = {"09-CLOSED_WON", "CLOSED_LOST"}


def is_open(stage: object) -> bool:
    return str(stage) not in CLOSED


def empty(message: str) -> None:
    st.info(message, icon=":material/inbox:")


def money(amount: float | None, currency: str = "EUR") -> str:
    if amount is None:
        return "-"
    if abs(amount) >= 1e6:
        return f"{currency} {amount / 1e6:,.1f}M"
    return f"{currency} {amount:,.0f}"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def options(values: list[str | None]) -> list[str]:
    """Sorted distinct non-empty values for a filter."""
    return sorted({v for v in values if v})


def drivers_table(drivers: list[Any]) -> None:
    st.dataframe([{"driver": d.name, "points": round(d.contribution, 1), "why": d.detail}
                  for d in drivers], hide_index=True, width="stretch")


def header(title: str, caption: str) -> None:
    st.title(title)
    st.caption(caption)
