package io.github.dockerbuild.signature;

import io.github.dockerbuild.domain.SignatureFormat;
import java.util.Map;

/** One signature found in a registry for an image digest, as stored, before any check. */
public sealed interface SignatureEvidence {

  SignatureFormat format();

  /**
   * One layer of a legacy {@code sha256-<hex>.sig} manifest.
   *
   * @param payload the layer's bytes (a simple-signing payload), exactly as fetched
   * @param annotations the layer's annotations (signature, certificate, chain, Rekor bundle)
   */
  record Legacy(byte[] payload, Map<String, String> annotations) implements SignatureEvidence {
    public Legacy {
      payload = payload.clone();
      annotations = Map.copyOf(annotations);
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    @Override
    public SignatureFormat format() {
      return SignatureFormat.LEGACY;
    }
  }

  /**
   * The layer of a bundle referrer: a Sigstore bundle (JSON), exactly as fetched.
   *
   * @param json the bundle
   */
  record Bundle(byte[] json) implements SignatureEvidence {
    public Bundle {
      json = json.clone();
    }

    @Override
    public byte[] json() {
      return json.clone();
    }

    @Override
    public SignatureFormat format() {
      return SignatureFormat.BUNDLE;
    }
  }
}
