package io.github.dockerbuild.registry;

/** What a registry request does, for the {@link RequestCounter}. */
public enum RequestKind {
  /** {@code GET /v2/} in plain HTTP: whether a loopback or insecure registry is a plain-HTTP server. */
  SCHEME_CHECK,
  TOKEN,
  MANIFEST_GET,
  MANIFEST_HEAD,
  MANIFEST_PUT,
  BLOB_HEAD,
  BLOB_GET,
  BLOB_MOUNT,
  BLOB_UPLOAD_START,
  BLOB_UPLOAD_PUT,
  BLOB_UPLOAD_CANCEL,
  REFERRERS
}
