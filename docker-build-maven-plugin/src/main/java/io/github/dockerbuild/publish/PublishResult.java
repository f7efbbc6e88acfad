package io.github.dockerbuild.publish;

import java.util.List;

/**
 * What publishing did (or, on a dry run, would do).
 *
 * @param indexDigest the digest of the index
 * @param references every reference now pointing at it, {@code image:tag}
 * @param children each child as {@code platform digest (source)}
 * @param copied blobs mounted or copied into the target repository
 * @param requests registry requests made
 * @param bytesUploaded bytes sent to registries
 * @param dryRun whether nothing was written
 * @param indexJson the index as pushed
 */
public record PublishResult(
    String indexDigest, List<String> references, List<String> children, int copied, long requests,
    long bytesUploaded, boolean dryRun, String indexJson) {
  public PublishResult {
    references = List.copyOf(references);
    children = List.copyOf(children);
  }
}
