package io.github.dockerbuild.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.registry.FakeRegistry;
import io.github.dockerbuild.registry.ImageRef;
import io.github.dockerbuild.registry.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signatures laid out in a registry exactly as the cosign CLI left them (golden data). */
class SignatureFetcherTest {
  private FakeRegistry registry;
  private SignatureFetcher fetcher;

  @BeforeEach
  void start() throws Exception {
    registry = new FakeRegistry();
    fetcher = new SignatureFetcher(FakeRegistry.client().build());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private static byte[] golden(String path) {
    return GoldenKeySignature.resource("../" + path);
  }

  /** cosign's tag-schema index lists its bundle referrer with the empty-config artifact type. */
  private Digest cosignBundleWithoutReferrersApi() {
    registry.referrersApi(false);
    Digest image = Digest.parse(new String(golden("key-bundle/digest.txt"), StandardCharsets.UTF_8).trim());
    registry.putManifest("golden/app", image.referrersTag(), golden("key-bundle/tag-schema-index.json"),
        MediaTypes.OCI_INDEX);
    registry.putManifest("golden/app", null, golden("key-bundle/referrer-manifest.json"), MediaTypes.OCI_MANIFEST);
    registry.putBlob("golden/app", golden("key-bundle/bundle.json"));
    return image;
  }

  @Test
  void bundle_cosignsTagSchemaLayout_foundAndVerifiesWithCosignsKey() throws Exception {
    Digest image = cosignBundleWithoutReferrersApi();

    List<SignatureEvidence> found = fetcher.fetch(registry.ref("golden/app").withDigest(image),
        EnumSet.allOf(SignatureFormat.class));

    assertThat(found).singleElement().isInstanceOf(SignatureEvidence.Bundle.class);
    assertThat(((SignatureEvidence.Bundle) found.get(0)).json()).isEqualTo(golden("key-bundle/bundle.json"));
    assertThat(new KeyVerifier(PublicKeys.parsePem(GoldenKeySignature.publicKeyPem()), true).verify(image, found.get(0)))
        .startsWith("ECDSA P-256 key");
  }

  @Test
  void legacy_cosignsSignatureManifest_foundWithItsAnnotations() {
    Digest image = GoldenKeySignature.digest();
    registry.putManifest("golden/app", CosignLayout.signatureTag(image), golden("key-legacy/sig-manifest.json"),
        MediaTypes.OCI_MANIFEST);
    registry.putBlob("golden/app", golden("key-legacy/payload.json"));

    List<SignatureEvidence> found = fetcher.fetch(registry.ref("golden/app").withDigest(image),
        EnumSet.of(SignatureFormat.LEGACY));

    assertThat(found).singleElement().satisfies(e -> {
      SignatureEvidence.Legacy legacy = (SignatureEvidence.Legacy) e;
      assertThat(legacy.payload()).isEqualTo(GoldenKeySignature.payload());
      assertThat(legacy.annotations()).isEqualTo(GoldenKeySignature.annotations());
    });
  }

  @Test
  void legacy_signedTwice_bothSignaturesFound_theirSharedPayloadReadOnce() {
    Digest image = GoldenKeySignature.digest();
    String manifest = new String(golden("key-legacy/sig-manifest.json"), StandardCharsets.UTF_8);
    int start = manifest.indexOf("[{") + 1;
    String layer = manifest.substring(start, manifest.lastIndexOf("}]") + 1);
    // cosign sign run again: the same payload, another signature
    String again = layer.replaceFirst("signature\":\"[^\"]+\"", "signature\":\"c2Vjb25k\"");
    registry.putManifest("golden/app", CosignLayout.signatureTag(image),
        manifest.replace(layer, layer + "," + again).getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
    registry.putBlob("golden/app", golden("key-legacy/payload.json"));

    List<SignatureEvidence> found = fetcher.fetch(registry.ref("golden/app").withDigest(image),
        EnumSet.of(SignatureFormat.LEGACY));

    assertThat(found).hasSize(2).allSatisfy(e ->
        assertThat(((SignatureEvidence.Legacy) e).payload()).isEqualTo(GoldenKeySignature.payload()));
    assertThat(found).extracting(e -> ((SignatureEvidence.Legacy) e).annotations().get("dev.cosignproject.cosign/signature"))
        .containsExactly(GoldenKeySignature.annotations().get("dev.cosignproject.cosign/signature"), "c2Vjb25k");
    assertThat(registry.count("GET", "/v2/golden/app/blobs/")).isEqualTo(1);
  }

  @Test
  void onlyTheFormatsAsked_areRead() {
    Digest image = cosignBundleWithoutReferrersApi();

    assertThat(fetcher.fetch(registry.ref("golden/app").withDigest(image), EnumSet.of(SignatureFormat.LEGACY)))
        .isEmpty();
    assertThat(registry.registryRequests()).noneMatch(r -> r.contains("sha256-" + image.hex() + " "));
  }

  @Test
  void otherArtifactTypes_skippedUnread() {
    Digest image = Digest.parse("sha256:" + "d".repeat(64));
    String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":10,\"digest\":\"sha256:" + "f".repeat(64)
        + "\",\"artifactType\":\"application/spdx+json\"}]}";
    registry.referrersApi(false);
    registry.putManifest("golden/app", image.referrersTag(), index.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX);

    assertThat(fetcher.fetch(registry.ref("golden/app").withDigest(image), EnumSet.allOf(SignatureFormat.class)))
        .isEmpty();
    assertThat(registry.registryRequests()).noneMatch(r -> r.contains("f".repeat(64)));
  }

  @Test
  void nothingSigned_nothingFound() {
    ImageRef ref = registry.ref("golden/none").withDigest(Digest.parse("sha256:" + "c".repeat(64)));

    assertThat(fetcher.fetch(ref, EnumSet.allOf(SignatureFormat.class))).isEmpty();
  }
}
