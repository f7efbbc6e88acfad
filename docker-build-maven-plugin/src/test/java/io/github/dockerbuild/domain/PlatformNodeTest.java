package io.github.dockerbuild.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformNodeTest {
  @Test
  void equality_everyPartCounts() {
    PlatformNode node = new PlatformNode("arm-builder", "node2", 2);
    assertThat(node)
        .isEqualTo(new PlatformNode("arm-builder", "node2", 2))
        .hasSameHashCodeAs(new PlatformNode("arm-builder", "node2", 2))
        .isNotEqualTo(new PlatformNode("other", "node2", 2))
        .isNotEqualTo(new PlatformNode("arm-builder", "node3", 2))
        .isNotEqualTo(new PlatformNode("arm-builder", "node2", 3))
        .isNotEqualTo(new PlatformNode("arm-builder", "node2"))
        .isNotEqualTo("arm-builder")
        .isNotEqualTo(null);
    assertThat(PlatformNode.DEFAULT).isEqualTo(new PlatformNode(null, null, null))
        .hasSameHashCodeAs(new PlatformNode(null, null));
  }

  @Test
  void where_dropsOnlyTheCapacity() {
    assertThat(new PlatformNode("b", "c", 4).where()).isEqualTo(new PlatformNode("b", "c"));
    PlatformNode plain = new PlatformNode("b", "c");
    assertThat(plain.where()).isSameAs(plain);
  }
}
