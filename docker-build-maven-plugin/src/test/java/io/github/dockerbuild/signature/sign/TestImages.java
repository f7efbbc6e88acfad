package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.registry.DescriptorTemplate;
import io.github.dockerbuild.registry.FakeRegistry;
import io.github.dockerbuild.registry.ManifestTemplate;
import io.github.dockerbuild.registry.MediaTypes;
import io.github.dockerbuild.registry.RawManifest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Images to sign, pushed into the in-process registry. */
final class TestImages {
  private TestImages() {}

  /** An image manifest whose config holds {@code content}, so each content gets its own digest. */
  static SignSubject image(FakeRegistry registry, String repository, String content, String platform) {
    byte[] config = ("{\"content\":\"" + content + "\"}").getBytes(StandardCharsets.UTF_8);
    registry.putBlob(repository, config);
    RawManifest raw = RawManifest.of(ManifestTemplate.of(DescriptorTemplate.of(MediaTypes.OCI_CONFIG, config), List.of()));
    registry.putManifest(repository, raw.digest().value(), raw.bytes(), raw.mediaType());
    return new SignSubject(registry.ref(repository).withDigest(raw.digest()), platform);
  }
}
