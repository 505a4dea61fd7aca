"""Weighted L2 logistic regression by Newton's method (numpy), and grouped folds.

The win model is small (a few thousand rows, 14 features): Newton's method converges in a
handful of exact steps, in milliseconds, without importing a machine-learning library on
the request path. The objective is scikit-learn's LogisticRegression's:
sum_i w_i logloss_i + |coef|^2 / (2 C), the intercept not penalised.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Array = npt.NDArray[np.float64]


def fit_logistic(x: Array, y: Array, w: Array, c: float, *, max_iter: int = 100
                 ) -> tuple[Array, float]:
    """(coefficients, intercept) minimising the weighted, L2-penalised log loss."""
    import numpy as np

    design = np.hstack([np.ones((x.shape[0], 1)), x])
    beta = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) / c
    penalty[0, 0] = 0.0
    for _ in range(max_iter):
        p = 1 / (1 + np.exp(-np.clip(design @ beta, -30, 30)))
        grad = design.T @ (w * (p - y)) + penalty @ beta
        hessian = (design.T * (w * p * (1 - p))) @ design + penalty
        # A tiny ridge keeps the step defined when a class is separable in one direction.
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(beta)), grad)
        beta = beta - step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return beta[1:], float(beta[0])


def group_folds(groups: Sequence[str], folds: int) -> Iterator[tuple[list[int], list[int]]]:
    """(train, test) row indices; every row of a group lands in the same fold (groups are
    dealt round-robin in sorted order, so the folds are the same on every run)."""
    order = {g: i % folds for i, g in enumerate(sorted(set(groups)))}
    for fold in range(folds):
        test = [i for i, g in enumerate(groups) if order[g] == fold]
        train = [i for i, g in enumerate(groups) if order[g] != fold]
        if test and train:
            yield train, test
