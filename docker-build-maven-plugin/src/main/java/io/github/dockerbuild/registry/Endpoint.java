package io.github.dockerbuild.registry;

import java.io.IOException;
import java.util.List;

/**
 * One registry operation as a small immutable object: method, path, headers, body, how to read the
 * answer and what to call it in messages. {@link RegistryClient#call(Endpoint)} does everything
 * else (auth, retries, error decoding, counting) once for all of them.
 *
 * @param <T> what the operation returns
 */
public interface Endpoint<T> {
  RequestKind kind();

  String method();

  /** The registry host (and port), e.g. {@code ghcr.io}. */
  String registry();

  /** The repository whose token scope the request needs. */
  String repository();

  /**
   * The path and query, e.g. {@code /v2/org/app/manifests/1.0}, or an absolute URL (an upload
   * {@code Location}).
   */
  String path();

  /** Whether the request writes (the token needs {@code push} as well as {@code pull}). */
  default boolean writes() {
    return false;
  }

  /** A second repository the token must be able to pull from (the source of a blob mount), or null. */
  default String pullsFrom() {
    return null;
  }

  default List<String> accept() {
    return List.of();
  }

  /** The request body, or null. */
  default RequestBody body() {
    return null;
  }

  /** Reads a 2xx answer. */
  T handleResponse(RegistryResponse response) throws IOException;

  /**
   * Reads an answer that is neither 2xx nor retried nor an auth challenge; by default the decoded
   * error. Endpoints override it to turn e.g. a 404 into {@code Optional.empty()}.
   */
  default T handleError(RegistryResponse response) throws IOException {
    throw response.error(actionDescription());
  }

  /** What the request does, for messages: e.g. {@code push manifest 127.0.0.1:5000/app@sha256:...}. */
  String actionDescription();
}
