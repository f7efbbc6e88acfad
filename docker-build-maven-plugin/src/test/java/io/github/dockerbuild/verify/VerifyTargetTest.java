package io.github.dockerbuild.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.InputRole;
import org.junit.jupiter.api.Test;

class VerifyTargetTest {
  @Test
  void equality_everyPartCounts() {
    VerifyTarget base = new VerifyTarget(InputRole.BASE, "BASE_IMAGE", "registry.test/base:1");
    assertThat(base)
        .isEqualTo(new VerifyTarget(InputRole.BASE, "BASE_IMAGE", "registry.test/base:1"))
        .hasSameHashCodeAs(new VerifyTarget(InputRole.BASE, "BASE_IMAGE", "registry.test/base:1"))
        .isNotEqualTo(new VerifyTarget(InputRole.CACHE, "BASE_IMAGE", "registry.test/base:1"))
        .isNotEqualTo(new VerifyTarget(InputRole.BASE, "OTHER", "registry.test/base:1"))
        .isNotEqualTo(new VerifyTarget(InputRole.BASE, "BASE_IMAGE", "registry.test/base:2"))
        .isNotEqualTo(new VerifyTarget(InputRole.BASE, null, "registry.test/base:1"))
        .isNotEqualTo("registry.test/base:1")
        .isNotEqualTo(null);
    assertThat(new VerifyTarget(null, null, null)).isEqualTo(new VerifyTarget(null, null, null))
        .hasSameHashCodeAs(new VerifyTarget(null, null, null));
    assertThat(base.isBase()).isTrue();
    assertThat(base.ref()).hasToString("registry.test/base:1");
  }
}
