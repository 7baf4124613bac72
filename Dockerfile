# Build and run invariant-server from Debian 12 packages only.
FROM debian:bookworm AS build
WORKDIR /src
COPY scripts/setup.sh scripts/setup.sh
# Debian packages, and the Swagger UI files into /src/third_party/swagger-ui.
RUN bash scripts/setup.sh
COPY . .
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DINVARIANT_BUILD_TESTS=OFF -DINVARIANT_BUILD_BENCH=OFF \
 && cmake --build build -j"$(nproc)" --target invariant

FROM debian:bookworm-slim
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libboost-json1.81.0 libpcre2-8-0 libicu72 libsqlite3-0 libfmt9 libhttp-parser2.9 libprometheus-cpp-core1.0 \
      libcurl4 ca-certificates \
 && rm -rf /var/lib/apt/lists/* && useradd --create-home --uid 10001 app
COPY --from=build /src/build/bin/invariant /usr/local/bin/invariant
# The built-in detector plugins, where the server looks for them (beside the executable: ../lib/invariant/detectors).
COPY --from=build /src/build/lib/invariant/detectors/ /usr/local/lib/invariant/detectors/
# The Swagger UI files for /docs (found beside the executable: /usr/local/share/invariant/swagger-ui).
COPY --from=build /src/third_party/swagger-ui/node_modules/swagger-ui-dist/swagger-ui.css \
     /src/third_party/swagger-ui/node_modules/swagger-ui-dist/swagger-ui-bundle.js \
     /src/third_party/swagger-ui/node_modules/swagger-ui-dist/swagger-ui-standalone-preset.js \
     /src/third_party/swagger-ui/node_modules/swagger-ui-dist/favicon-16x16.png \
     /src/third_party/swagger-ui/node_modules/swagger-ui-dist/favicon-32x32.png \
     /src/third_party/swagger-ui/node_modules/swagger-ui-dist/oauth2-redirect.html \
     /src/third_party/swagger-ui/node_modules/swagger-ui-dist/LICENSE \
     /src/third_party/swagger-ui/node_modules/swagger-ui-dist/NOTICE \
     /usr/local/share/invariant/swagger-ui/
USER app
WORKDIR /home/app
ENV INVARIANT_HOST=0.0.0.0 INVARIANT_PORT=8000 INVARIANT_DATA_DIR=/home/app/data
EXPOSE 8000
ENTRYPOINT ["/usr/local/bin/invariant"]
CMD ["serve"]
