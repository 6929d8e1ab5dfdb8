# The console with its embedded sandbox, as `make run` serves it, on 0.0.0.0:8000.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    TESTME_DATA_DIR=/data

WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
COPY templates ./templates
COPY static ./static
COPY schema ./schema
RUN pip install . \
    && useradd --create-home --uid 10001 testme \
    && mkdir -p /data && chown testme /data

USER testme
WORKDIR /home/testme
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s \
    CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["testme", "--host", "0.0.0.0", "--port", "8000"]
