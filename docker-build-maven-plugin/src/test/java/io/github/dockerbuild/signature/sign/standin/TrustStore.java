package io.github.dockerbuild.signature.sign.standin;

/**
 * Points this JVM's default trust store at the stand-in's (the JDK's CAs plus the stand-in's TLS
 * CA, so nothing else loses trust) and puts the previous setting back on close.
 */
public final class TrustStore implements AutoCloseable {
  private static final String STORE = "javax.net.ssl.trustStore";
  private static final String PASSWORD = "javax.net.ssl.trustStorePassword";
  private final String store;
  private final String password;

  private TrustStore(String store, String password) {
    this.store = store;
    this.password = password;
  }

  public static TrustStore use(SigstoreStandIn standIn) {
    TrustStore previous = new TrustStore(System.getProperty(STORE), System.getProperty(PASSWORD));
    System.setProperty(STORE, standIn.trustStore().toString());
    System.setProperty(PASSWORD, standIn.trustStorePassword());
    return previous;
  }

  @Override
  public void close() {
    restore(STORE, store);
    restore(PASSWORD, password);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
