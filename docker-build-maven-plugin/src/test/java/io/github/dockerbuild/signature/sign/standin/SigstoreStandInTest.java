package io.github.dockerbuild.signature.sign.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.oidc.client.GithubActionsOidcClient;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import dev.sigstore.trustroot.ImmutableSigstoreSigningConfig;
import dev.sigstore.trustroot.Service;
import io.github.dockerbuild.signature.keyless.KeylessTrustRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in passes sigstore-java's own keyless signer, which checks everything it gets back:
 * the certificate chain and embedded SCT, the Rekor body, SET, inclusion proof and checkpoint.
 */
class SigstoreStandInTest {
  @TempDir
  static Path dir;
  static SigstoreStandIn standIn;
  static TrustStore trust;

  @BeforeAll
  static void start() throws Exception {
    standIn = SigstoreStandIn.start(dir);
    trust = TrustStore.use(standIn);
  }

  @AfterAll
  static void stop() throws Exception {
    trust.close();
    standIn.close();
  }

  @Test
  void sigstoreJavasSigner_acceptsCertificatesAndEntries_andLogIndexesGrow() throws Exception {
    KeylessSigner signer = signer(SigstoreStandIn.emailToken("dev@standin.example"));
    int before = standIn.entriesLogged();
    int certificates = standIn.certificatesIssued();

    Bundle first = signer.sign(sha256("one"));
    Bundle second = signer.sign(sha256("two"));
    Bundle third = signer.sign(sha256("three"));

    assertThat(standIn.certificatesIssued()).isEqualTo(certificates + 1);
    assertThat(standIn.entriesLogged()).isEqualTo(before + 3);
    long firstIndex = first.getEntries().get(0).getLogIndex();
    assertThat(firstIndex).isPositive();
    assertThat(second.getEntries().get(0).getLogIndex()).isEqualTo(firstIndex + 1);
    assertThat(third.getEntries().get(0).getLogIndex()).isEqualTo(firstIndex + 2);
    assertThat(third.getEntries().get(0).getVerification().getInclusionProof().getTreeSize()).isEqualTo(firstIndex + 3);
    assertThat(second.getCertPath().getCertificates()).hasSize(1);
    assertThat(((java.security.cert.X509Certificate) second.getCertPath().getCertificates().get(0))
        .getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo("dev@standin.example"));
  }

  @Test
  void aTokenForAnotherAudience_isRefusedByFulcio() throws Exception {
    var claims = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
        .put("iss", SigstoreStandIn.ISSUER).put("sub", "dev@standin.example").put("aud", "other");
    KeylessSigner signer = signer(SigstoreStandIn.jwt(claims));
    int refused = standIn.certificatesRefused();

    Throwable e = catchThrowable(() -> signer.sign(sha256("x")));

    assertThat(e).hasMessageContaining("PERMISSION_DENIED");
    assertThat(standIn.certificatesRefused()).isEqualTo(refused + 1);
  }

  @Test
  void gitHubTokenService_wantsTheBearer_andGivesTheAskedAudience() throws Exception {
    var client = GithubActionsOidcClient.builder().audience("sigstore").build();

    var token = client.getIDToken(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", standIn.githubRequestUrl(),
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", standIn.githubRequestToken()));
    Throwable refused = catchThrowable(() -> client.getIDToken(Map.of("ACTIONS_ID_TOKEN_REQUEST_URL",
        standIn.githubRequestUrl(), "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "wrong")));

    assertThat(token.getIssuer()).isEqualTo(SigstoreStandIn.GITHUB_ISSUER);
    assertThat(FulcioStandIn.claims(token.getIdToken()).path("aud").asText()).isEqualTo("sigstore");
    assertThat(refused).hasMessageContaining("Could not obtain github actions oidc token");
  }

  @Test
  void trustedRoot_isReadByTheVerifier_withCaTlogAndCtLog() throws Exception {
    var root = KeylessTrustRoot.fromFile(standIn.trustedRoot());

    assertThat(root.getCAs()).hasSize(1);
    assertThat(root.getTLogs()).hasSize(1);
    assertThat(root.getCTLogs()).hasSize(1);
  }

  static KeylessSigner signer(String token) throws Exception {
    return KeylessSigner.builder()
        .trustedRootProvider(TrustedRootProvider.from(standIn.trustedRoot()))
        .signingConfigProvider(() -> ImmutableSigstoreSigningConfig.builder()
            .addCas(Service.of(standIn.fulcioUrl(), 1))
            .addTLogs(Service.of(standIn.rekorUrl(), 1))
            .tsaConfig(Service.Config.ofAny())
            .tLogConfig(Service.Config.ofAny())
            .build())
        .forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(token)))
        .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
        .build();
  }

  static byte[] sha256(String s) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
  }
}
