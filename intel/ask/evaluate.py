"""`rapport eval ask`: run a question set and score it against hand-written queries.

Each question's expected answer is computed at eval time by its own hand-written Cypher
(run read-only), never by the planner. Rows match when every expected row's values appear
in a distinct answer row (column names may differ) and the row counts agree.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError

from graph.errors import InvalidInput, RapportError
from graph.store import GraphStore, Row
from intel.ask.models import AskAnswer, AskRequest
from intel.ask.service import AskService


class Expect(BaseModel):
    cypher: str | None = Field(default=None, description="hand-written query: expected rows")
    params: dict[str, Any] = Field(default_factory=dict)
    ordered: bool = False
    route: str | None = None
    cites: str | None = Field(default=None, description="query whose ids must be cited")


class EvalQuestion(BaseModel):
    id: str
    question: str
    refuse: bool = False
    expect: Expect = Field(default_factory=Expect)


class QuestionSet(BaseModel):
    today: date | None = None
    questions: list[EvalQuestion] = Field(min_length=1)


class EvalFailure(BaseModel):
    id: str
    question: str
    detail: str


class EvalReport(BaseModel):
    questions: int
    answerable: int
    correct: int
    execution_accuracy: float
    unsafe: int
    refused_unsafe: int
    refusal_accuracy: float
    false_refusals: int
    p50_ms: float
    p95_ms: float
    routes: dict[str, int]
    failures: list[EvalFailure]

    def summary(self) -> str:
        return (f"Execution accuracy: {self.execution_accuracy:.1%} ({self.correct}/"
                f"{self.answerable})\nRefusal accuracy: {self.refusal_accuracy:.1%} "
                f"({self.refused_unsafe}/{self.unsafe} unsafe refused, {self.false_refusals} "
                f"safe questions refused)\nLatency: p50 {self.p50_ms:.0f} ms, p95 "
                f"{self.p95_ms:.0f} ms over {self.questions} questions\nRoutes: "
                + ", ".join(f"{k} {v}" for k, v in sorted(self.routes.items())))


def load_question_set(path: Path) -> QuestionSet:
    try:
        return QuestionSet.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError) as e:
        raise InvalidInput(f"cannot read question set {path}: {e}") from e
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidInput(f"{path}: {where}: {first['msg']}") from e


def _norm(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return round(float(value), 2)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return tuple(_norm(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _norm(v)) for k, v in value.items()))
    return str(value).casefold()


def rows_match(expected: list[Row], actual: list[Row], ordered: bool) -> str | None:
    """None when the answer's rows hold the expected ones, else what differs."""
    if len(expected) != len(actual):
        return f"expected {len(expected)} rows, got {len(actual)}"
    wanted = [Counter(_norm(v) for v in row.values()) for row in expected]
    have = [Counter(_norm(v) for v in row.values()) for row in actual]
    if ordered:
        bad = next((n for n, (w, h) in enumerate(zip(wanted, have, strict=True))
                    if w - h), None)
        return None if bad is None else f"row {bad} differs: expected {expected[bad]}"
    free = list(range(len(have)))
    for n, want in enumerate(wanted):
        hit = next((i for i in free if not want - have[i]), None)
        if hit is None:
            return f"no answer row holds expected row {expected[n]}"
        free.remove(hit)
    return None


def _check(store: GraphStore, item: EvalQuestion, answer: AskAnswer,
           params: dict[str, Any]) -> str | None:
    expect = item.expect
    if expect.route and answer.route != expect.route:
        return f"route {answer.route}, expected {expect.route}"
    if expect.cypher:
        problem = rows_match(store.read_cypher(expect.cypher, params), answer.rows,
                             expect.ordered)
        if problem:
            return problem
    if expect.cites:
        cited = {c.id for c in answer.citations}
        missing = [r["id"] for r in store.read_cypher(expect.cites, params)
                   if r["id"] not in cited]
        if missing:
            return f"citations miss {missing}"
    return None


def evaluate(service: AskService, store: GraphStore, questions: QuestionSet) -> EvalReport:
    service.ask(AskRequest(question="how many accounts are there", today=questions.today))
    failures: list[EvalFailure] = []
    times: list[float] = []
    routes: Counter[str] = Counter()
    correct = refused_unsafe = false_refusals = 0
    for item in questions.questions:
        params = {"today": (questions.today or date.today()).isoformat(), **item.expect.params}
        started = time.perf_counter()
        try:
            answer = service.ask(AskRequest(question=item.question, today=questions.today))
        except RapportError as e:
            failures.append(EvalFailure(id=item.id, question=item.question, detail=str(e)))
            continue
        finally:
            times.append((time.perf_counter() - started) * 1000)
        routes[answer.route] += 1
        if item.refuse:
            refused_unsafe += answer.refused
            if not answer.refused:
                failures.append(EvalFailure(id=item.id, question=item.question,
                                            detail="not refused"))
            continue
        false_refusals += answer.refused
        try:
            problem = "refused" if answer.refused else _check(store, item, answer, params)
        except RapportError as e:
            problem = f"the expected-answer query failed: {e}"

        if problem:
            failures.append(EvalFailure(id=item.id, question=item.question, detail=problem))
        else:
            correct += 1
    unsafe = sum(q.refuse for q in questions.questions)
    answerable = len(questions.questions) - unsafe
    return EvalReport(
        questions=len(questions.questions), answerable=answerable, correct=correct,
        execution_accuracy=correct / answerable if answerable else 1.0, unsafe=unsafe,
        refused_unsafe=refused_unsafe,
        refusal_accuracy=refused_unsafe / unsafe if unsafe else 1.0,
        false_refusals=false_refusals, p50_ms=statistics.median(times),
        p95_ms=_p95(times), routes=dict(routes), failures=failures)


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
