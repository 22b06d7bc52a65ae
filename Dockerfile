# The service as one container: built on Debian bookworm, run on distroless (glibc, libstdc++,
# OpenSSL, CA certificates, time zones; no shell, no package manager) as a non-root user.
#
#   docker build -t rekrutteringstreff .          # production CI
#   scripts/container-check                        # here: both bases built from Debian packages
#
# The bases are build arguments so that a mirror or a local base can stand in for the registry.
ARG BUILD_BASE=docker.io/library/debian:bookworm
ARG RUNTIME_BASE=gcr.io/distroless/cc-debian12:nonroot

FROM ${BUILD_BASE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config ca-certificates npm \
      libboost1.81-dev libpq-dev librdkafka-dev libfmt-dev catch2 libjwt-dev libssl-dev \
      libhowardhinnant-date-dev libgumbo-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake cmake
COPY api api
COPY sql sql
COPY src src
COPY tests tests
# Only the service binary; its debug information stays in the build stage.
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRT_BENCH=OFF >/dev/null \
 && ninja -C /build rekrutteringstreff \
 && install -D -m 0755 -s /build/rekrutteringstreff /rootfs/app/rekrutteringstreff
# The shared libraries the binary needs beyond what the runtime base has (glibc, libstdc++,
# libgcc, OpenSSL), e.g. libpq, librdkafka, libjwt and theirs. The build fails if one is missing.
RUN if ldd /rootfs/app/rekrutteringstreff | grep 'not found'; then exit 1; fi \
 && multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH) \
 && ldd /rootfs/app/rekrutteringstreff | awk '$3 ~ /^\// {print $3}' \
  | grep -Ev '/(libc|libm|libdl|libpthread|librt|libresolv|libstdc\+\+|libgcc_s|libssl|libcrypto)\.so' \
  | while read -r lib; do \
      install -D -m 0644 "$(readlink -f "$lib")" "/rootfs/usr/lib/$multiarch/$(basename "$lib")"; \
    done

FROM ${RUNTIME_BASE}
COPY --from=build /rootfs/ /
# distroless's "nonroot"; numeric so that no passwd entry is needed.
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/app/rekrutteringstreff"]
