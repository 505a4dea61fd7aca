# Rapport API + dashboards image (one image, two commands; see compose.yaml).
#   docker build -t rapport .
#   docker run --rm -p 127.0.0.1:8000:8000 rapport

# ---- build stage: a virtualenv with torch (CPU) and the project ----
FROM python:3.11-slim AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

# torch first, pinned to the CPU build (a plain `torch` pulls a multi-GB CUDA build);
# its own layer so source changes do not re-download it.
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

WORKDIR /src
COPY pyproject.toml README.md ./
COPY graph/ graph/
COPY cypher/ cypher/
COPY embeddings/ embeddings/
COPY intel/ intel/
COPY api/ api/
COPY dashboards/ dashboards/
RUN pip install --no-cache-dir ".[embeddings,dashboards,llm]"

# Smoke check from outside the source tree: the installed distribution (not /src) must
# carry its package data (the named .cypher files) and the `rapport` console script.
RUN cd / && python -c "import pathlib, cypher; \
assert any(pathlib.Path(cypher.__file__).parent.rglob('*.cypher')), 'no .cypher files installed'" \
    && rapport --help >/dev/null

# ---- runtime stage ----
FROM python:3.11-slim

# libgomp1: OpenMP runtime used by native wheels (the embedded graph engine, torch ops).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 rapport \
    && useradd --system --uid 10001 --gid rapport --create-home --home-dir /home/rapport \
       --shell /usr/sbin/nologin rapport

COPY --from=builder /opt/venv /opt/venv

ENV PATH=/opt/venv/bin:$PATH \
    HF_HUB_OFFLINE=1 \
    LITELLM_LOCAL_MODEL_COST_MAP=True \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

# Working folder for anything relative (e.g. .rapport/ in embedded mode), owned by the app user.
WORKDIR /app
RUN mkdir -p /app/.rapport && chown -R rapport:rapport /app

USER rapport:rapport

EXPOSE 8000 8501
CMD ["rapport", "serve", "--host", "0.0.0.0"]
