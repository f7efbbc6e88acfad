package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestCounterTest {
  @Test
  void countsRequestsAndBytesPerKind() throws InterruptedException {
    RequestCounter counter = new RequestCounter();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 100; i++) {
      pool.execute(() -> counter.record(RequestKind.BLOB_UPLOAD_PUT, 10));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    counter.record(RequestKind.TOKEN, 0);

    assertThat(counter.get(RequestKind.BLOB_UPLOAD_PUT)).isEqualTo(new RequestCounter.Count(100, 1000));
    assertThat(counter.requests(RequestKind.MANIFEST_GET)).isZero();
    assertThat(counter.total()).isEqualTo(new RequestCounter.Count(101, 1000));
    assertThat(counter.snapshot()).isEqualTo(Map.of(
        RequestKind.TOKEN, new RequestCounter.Count(1, 0),
        RequestKind.BLOB_UPLOAD_PUT, new RequestCounter.Count(100, 1000)));
    assertThat(counter.toString()).isEqualTo(
        "{TOKEN=Count[requests=1, bytesUploaded=0], BLOB_UPLOAD_PUT=Count[requests=100, bytesUploaded=1000]}");
  }
}
