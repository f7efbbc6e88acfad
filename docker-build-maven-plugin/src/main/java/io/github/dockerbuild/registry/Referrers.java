package io.github.dockerbuild.registry;

/**
 * The referrers of a subject.
 *
 * @param index the referrers as descriptors (with artifactType and annotations)
 * @param fromTagSchema true when the registry has no referrers API and the list came from (or
 *     belongs in) the {@code sha256-<hex>} tag: whoever pushes a referrer must then update that tag
 */
public record Referrers(OciIndexTemplate index, boolean fromTagSchema) {}
