package io.github.dockerbuild.registry;

/** What a registry request does, for the {@link RequestCounter}. */
public enum RequestKind {
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
