# Shared by build-bench.sh and deploy-bench.sh: sourced, not run.
# `raw_one REGISTRY PLATFORM ARCH METADATA_FILE`: the docker buildx build the plugin runs for one
# platform of the bench sample (the same args, labels and output), without the plugin.
DATE=2026-01-01T00:00:00Z
raw_one() {
  docker buildx build --progress=plain --platform "$2" --file sample/Dockerfile \
    --build-arg BUILD_VERSION=1.0.0 --build-arg BUILD_DATE=$DATE --build-arg BUILD_ARCH="$3" \
    --build-arg BUILD_REPOSITORY= --build-arg SOURCE_DATE_EPOCH=1767225600 \
    --build-arg BASE_IMAGE="$1/test/busybox:1" \
    --label org.opencontainers.image.created=$DATE --label org.opencontainers.image.version=1.0.0 \
    --label org.opencontainers.image.title=bench-sample \
    --provenance=false --metadata-file "$4" \
    --output "type=image,name=$1/bench/raw:1.0.0-$3,push=true,compression=zstd,compression-level=9,force-compression=true,oci-mediatypes=true" \
    sample >"$4.log" 2>&1 || { echo "raw buildx failed for $2: $(grep '^ERROR' "$4.log" | tail -1)" >&2; return 1; }
}
