# syntax=docker/dockerfile:1
# Build: docker build -t noden .
# Run:   docker run -p 8080:8080 -v noden-data:/data noden

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin noden \
 && cp target/release/noden /usr/local/bin/noden

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin noden \
 && mkdir -p /data /app \
 && chown noden /data
COPY --from=build /usr/local/bin/noden /usr/local/bin/noden
COPY content /app/content
WORKDIR /app
ENV NODEN_BIND=0.0.0.0:8080 \
    NODEN_DATA_DIR=/data \
    NODEN_CONTENT_DIR=/app/content \
    NODEN_LOG_FORMAT=json \
    MALLOC_MMAP_THRESHOLD_=131072 \
    MALLOC_ARENA_MAX=2
VOLUME ["/data"]
EXPOSE 8080
USER noden
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["noden"]
CMD ["serve"]
