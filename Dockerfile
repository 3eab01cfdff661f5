# OTGateway container image: built with the official Swift image, run on slim Debian bookworm.
#   docker build -t otgateway .
#   docker run --env-file otgateway.env -p 8080:8080 -v otgw-data:/data otgateway
#   docker run --env-file otgateway.env otgateway check

# The code is developed and tested with Swift 6.3.1; pass --build-arg SWIFT_IMAGE=... to use
# another 6.x bookworm tag.
ARG SWIFT_IMAGE=swift:6.3-bookworm

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libcurl4-openssl-dev zlib1g-dev libsqlite3-dev libssl-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# --static-swift-stdlib links the Swift runtime and Foundation into the binary, so the runtime
# stage needs only the system libraries below.
RUN swift build -c release --static-swift-stdlib --product otgateway \
    && install -D "$(swift build -c release --static-swift-stdlib --show-bin-path)/otgateway" /out/otgateway \
    && mkdir -p /src/public

FROM debian:bookworm-slim AS runtime
# libxml2 is needed by the statically linked FoundationXML; curl is for the health check.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates curl libcurl4 libsqlite3-0 libssl3 libxml2 zlib1g tzdata \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin otgateway \
    && mkdir -p /data /app \
    && chown otgateway:otgateway /data

COPY --from=build /out/otgateway /usr/local/bin/otgateway
COPY --from=build /src/openapi.yaml /usr/local/share/otgateway/openapi.yaml
COPY --from=build /src/public /app/public
WORKDIR /app

# The container listens on all of its interfaces so that a published port reaches it; the
# SQLite database lives in the /data volume.
ENV OTGW_LISTEN=0.0.0.0:8080 \
    OTGW_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
USER otgateway

HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1

ENTRYPOINT ["/usr/local/bin/otgateway"]
CMD ["serve"]
