package io.github.dockerbuild.signature.keyless;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.OtherName;

/** The claims Fulcio writes into a signing certificate: identities, OIDC issuer, GitHub workflow. */
public final class CertificateClaims {
  static final String OID_ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
  static final String OID_GITHUB_TRIGGER = "1.3.6.1.4.1.57264.1.2";
  static final String OID_GITHUB_REPOSITORY = "1.3.6.1.4.1.57264.1.5";
  static final String OID_GITHUB_REF = "1.3.6.1.4.1.57264.1.6";
  static final String OID_ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";

  private static final int SAN_OTHER_NAME = 0;
  private static final int SAN_EMAIL = 1;
  private static final int SAN_URI = 6;

  private CertificateClaims() {}

  /** Email, URI and other-name subject alternative names, in certificate order. */
  public static List<String> identities(X509Certificate cert) {
    List<String> names = new ArrayList<>();
    Collection<List<?>> sans;
    try {
      sans = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return names;
    }
    if (sans == null) {
      return names;
    }
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      Object value = san.get(1);
      if ((type == SAN_EMAIL || type == SAN_URI) && value instanceof String s) {
        names.add(s);
      } else if (type == SAN_OTHER_NAME && value instanceof byte[] der) {
        otherName(der).ifPresent(names::add);
      }
    }
    return names;
  }

  private static Optional<String> otherName(byte[] der) {
    try {
      ASN1Encodable value = OtherName.getInstance(ASN1Primitive.fromByteArray(der)).getValue();
      if (value instanceof ASN1TaggedObject tagged) {
        value = tagged.getBaseObject();
      }
      return value instanceof ASN1String s ? Optional.of(s.getString()) : Optional.empty();
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The OIDC issuer: the DER-encoded extension of Fulcio 1.x, else the raw one of Fulcio 0.x. */
  public static Optional<String> issuer(X509Certificate cert) {
    Optional<String> v2 = derString(cert, OID_ISSUER_V2);
    return v2.isPresent() ? v2 : raw(cert, OID_ISSUER_V1);
  }

  /** An extension whose value is raw UTF-8 (Fulcio's first extensions). */
  static Optional<String> raw(X509Certificate cert, String oid) {
    byte[] ext = cert.getExtensionValue(oid);
    if (ext == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(ASN1OctetString.getInstance(ext).getOctets(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** An extension whose value is a DER string (Fulcio's later extensions). */
  static Optional<String> derString(X509Certificate cert, String oid) {
    byte[] ext = cert.getExtensionValue(oid);
    if (ext == null) {
      return Optional.empty();
    }
    try {
      ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
      return inner instanceof ASN1String s ? Optional.of(s.getString()) : Optional.empty();
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
