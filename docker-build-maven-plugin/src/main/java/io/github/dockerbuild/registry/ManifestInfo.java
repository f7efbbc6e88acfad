package io.github.dockerbuild.registry;

/** What a HEAD on a manifest tells: its digest, size and media type. */
public record ManifestInfo(Digest digest, long size, String mediaType) {}
