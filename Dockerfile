# riskbook in a container: the static binary and git (revision history and
# `--compare` read the repository), nothing else.
#   docker run --rm -v "$PWD:/site" ghcr.io/<owner>/riskbook build
FROM rust:1-alpine AS build
# A C compiler and make: jemalloc and Oniguruma are built from source.
RUN apk add --no-cache musl-dev gcc make
WORKDIR /src
COPY . .
ARG RISKBOOK_COMMIT=unknown
ENV RISKBOOK_COMMIT=$RISKBOOK_COMMIT
RUN cargo build --profile dist --features jemalloc --locked && cp target/dist/riskbook /riskbook

FROM alpine:3.20
# The mounted site belongs to another user than the container's: git must
# still read its history.
RUN apk add --no-cache git && git config --system --add safe.directory '*'
COPY --from=build /riskbook /usr/local/bin/riskbook
WORKDIR /site
ENTRYPOINT ["riskbook"]
CMD ["build"]
