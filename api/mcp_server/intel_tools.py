"""The intelligence tools: search, ask_graph, account_health, deal_score, pipeline_summary.

Each one calls the service its HTTP route calls, with the settings the route's dependencies
read (GET /v1/search, POST /v1/ask, /v1/accounts/{id}/health, /v1/deals/{id}/score,
/v1/pipeline), so an agent and an HTTP client get the same answer for the same input.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.auth.roles import Permission
from api.mcp_server.registry import Tool, ToolContext
from api.routes.ask import shared_ask_service
from embeddings import HybridSearch, SearchQuery, SearchResult, get_search_settings
from embeddings.quick_encoder import get_query_encoder
from graph.pipeline import get_pipeline_settings
from intel.ask import AskAnswer, AskRequest, get_ask_settings
from intel.oracle import Oracle, PipelineView, get_oracle_settings
from intel.scores import AccountHealth, DealScore, Scorer, get_score_settings


class AccountHealthArgs(BaseModel):
    account_id: str = Field(
        min_length=1, max_length=128,
        description="the account's id (e.g. acc_00012), as returned by search with "
        "types=['account'], ask_graph or get_entity; not its name")


class DealScoreArgs(BaseModel):
    deal_id: str = Field(
        min_length=1, max_length=128,
        description="an open deal's id, as returned by search with types=['deal'] or "
        "ask_graph; a closed deal is refused (its outcome is known)")


class PipelineArgs(BaseModel):
    """No arguments: the whole open pipeline as of today."""


def _oracle(ctx: ToolContext) -> Oracle:
    return Oracle(ctx.store, get_oracle_settings(), get_score_settings(),
                  get_pipeline_settings())


def _search(ctx: ToolContext, args: BaseModel) -> BaseModel:
    assert isinstance(args, SearchQuery)
    return HybridSearch(ctx.store, get_query_encoder(), get_search_settings()).search(args)


def _ask_graph(ctx: ToolContext, args: BaseModel) -> BaseModel:
    assert isinstance(args, AskRequest)
    return shared_ask_service(ctx.state, ctx.store, get_ask_settings()).ask(args)


def _account_health(ctx: ToolContext, args: BaseModel) -> BaseModel:
    assert isinstance(args, AccountHealthArgs)
    return _oracle(ctx).account_outlook(args.account_id)


def _deal_score(ctx: ToolContext, args: BaseModel) -> BaseModel:
    assert isinstance(args, DealScoreArgs)
    return Scorer(ctx.store, get_score_settings(), get_pipeline_settings()).deal(args.deal_id)


def _pipeline_summary(ctx: ToolContext, args: BaseModel) -> BaseModel:
    assert isinstance(args, PipelineArgs)
    return _oracle(ctx).pipeline_view()


INTEL_TOOLS: tuple[Tool, ...] = (
    Tool("search",
         "Find contacts, accounts, properties or deals that match a description in words "
         "(\"fintech CFO in Lisbon\", \"3-bedroom flat near the river\"): semantic and "
         "keyword matching fused, best first. `text` is the description (1-500 chars); "
         "`types` narrows the kinds (empty: all four); `k` is how many hits (1-100, "
         "default 10); `filters` are exact constraints applied inside the search (city, "
         "industry, stage, price range, property status, known=true for people we have a "
         "tie to, min_strength 0-100). Each hit has its id (pass it to get_entity, "
         "account_health, deal_score or find_warm_intros) and why it matched. Use it to "
         "turn a name or description into ids; for counts or lists use ask_graph.",
         SearchQuery, SearchResult, Permission.SEARCH, _search),
    Tool("ask_graph",
         "Ask a question about the relationship graph in plain English (2-500 chars): "
         "counts and lists (\"which deals are stuck in proposal?\"), warm intros (\"who "
         "can introduce me to the CFO of Globex?\"), open questions about an account or "
         "person. The answer says which route answered and why, the Cypher that ran with "
         "its parameters and rows, and the nodes it cites. Read-only: requests to change "
         "data are refused (`refused` true). `today` fixes the date that 'next quarter' "
         "counts from; `limit` caps the rows (1-1000).",
         AskRequest, AskAnswer, Permission.ASK, _ask_graph),
    Tool("account_health",
         "How healthy one account is and what to do about it: health 0-100 with the "
         "drivers that add up to it and its trend, churn risk 0-100 with its drivers, risk "
         "flags, ICP fit for prospects, and prioritised next actions each tied to the "
         "evidence behind it. Needs the account's id (find it with search first).",
         AccountHealthArgs, AccountHealth, Permission.READ, _account_health),
    Tool("deal_score",
         "An open deal's calibrated win probability (0-1, and 0-100 as `score`) with the "
         "drivers that add up to it, its trend, the stage's configured probability to "
         "compare with, days in stage and whether the deal is stuck. Needs the deal's id; "
         "closed deals are refused.",
         DealScoreArgs, DealScore, Permission.READ, _deal_score),
    Tool("pipeline_summary",
         "The open pipeline by stage: deal count, amount, expected value (stage "
         "probability and model win probability), median days in stage and stuck deals "
         "per stage, with totals. No arguments; amounts are in the main currency "
         "(`other_currencies` counts the deals left out).",
         PipelineArgs, PipelineView, Permission.READ, _pipeline_summary),
)
