package io.github.dockerbuild.registry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every HTTP request the client sends (retries and token requests included) and the body
 * bytes it uploads, per {@link RequestKind}: for benchmarks and for a report line such as
 * "12 requests, 3 blobs mounted". Thread-safe.
 */
public final class RequestCounter {
  /** Requests sent and body bytes uploaded. */
  public record Count(long requests, long bytesUploaded) {
    static final Count ZERO = new Count(0, 0);

    Count plus(Count other) {
      return new Count(requests + other.requests, bytesUploaded + other.bytesUploaded);
    }
  }

  private final Map<RequestKind, LongAdder> requests = new EnumMap<>(RequestKind.class);
  private final Map<RequestKind, LongAdder> bytes = new EnumMap<>(RequestKind.class);

  public RequestCounter() {
    for (RequestKind kind : RequestKind.values()) {
      requests.put(kind, new LongAdder());
      bytes.put(kind, new LongAdder());
    }
  }

  void record(RequestKind kind, long uploaded) {
    requests.get(kind).increment();
    bytes.get(kind).add(Math.max(0, uploaded));
  }

  public Count get(RequestKind kind) {
    return new Count(requests.get(kind).sum(), bytes.get(kind).sum());
  }

  public long requests(RequestKind kind) {
    return requests.get(kind).sum();
  }

  public Count total() {
    Count sum = Count.ZERO;
    for (RequestKind kind : RequestKind.values()) {
      sum = sum.plus(get(kind));
    }
    return sum;
  }

  /** The kinds with at least one request, in enum order. */
  public Map<RequestKind, Count> snapshot() {
    Map<RequestKind, Count> result = new EnumMap<>(RequestKind.class);
    for (RequestKind kind : RequestKind.values()) {
      Count count = get(kind);
      if (count.requests() > 0) {
        result.put(kind, count);
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
