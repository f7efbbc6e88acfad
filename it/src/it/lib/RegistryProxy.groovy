/**
 * The fault-injecting proxy (registry-proxy.py) in front of the loopback registry, for ITs whose
 * sample reaches the registry as 127.0.0.1:${it.proxyPort}. A sample's setup.groovy starts it; it
 * writes the port, and a name unique to this run (it.nonce, for fresh repositories), to the
 * sample's test.properties, which the invoker passes to every Maven run as -D properties. Its
 * verify.groovy reads the journal and stops it; the proxy also ends with the Maven that started it.
 */
class RegistryProxy {
  final File basedir
  final int port

  RegistryProxy(File basedir, int port) {
    this.basedir = basedir
    this.port = port
  }

  /** Starts the proxy for a sample; fails when it does not answer. */
  static RegistryProxy start(Object itLib, File basedir, String upstream) {
    def portFile = new File(basedir, 'target/proxy.port')
    def journal = new File(basedir, 'target/proxy-journal.tsv')
    portFile.parentFile.mkdirs()
    portFile.delete()
    journal.delete()
    new ProcessBuilder('python3', new File(itLib.toString(), 'registry-proxy.py').path, '--upstream', upstream,
        '--port', '0', '--port-file', portFile.path, '--journal', journal.path, '--exit-with-parent')
        .redirectErrorStream(true).redirectOutput(new File(basedir, 'target/proxy.log')).start()
    for (int i = 0; i < 100 && !portFile.exists(); i++) {
      Thread.sleep(100)
    }
    assert portFile.exists() : "the registry proxy did not start: ${new File(basedir, 'target/proxy.log').text}"
    def proxy = new RegistryProxy(basedir, portFile.text.trim() as int)
    assert proxy.get('/v2/') == 200 : 'the registry proxy does not reach the registry'
    def Registry = new GroovyClassLoader(RegistryProxy.classLoader).parseClass(new File(itLib.toString(), 'Registry.groovy'))
    Registry.freshNonce(basedir, ['it.proxyPort': proxy.port])
    proxy
  }

  /** The proxy of a sample whose setup started it. */
  static RegistryProxy of(File basedir) {
    assert new File(basedir, 'target/proxy.port').exists() : 'the registry proxy was not started: see setup.groovy in build.log'
    new RegistryProxy(basedir, new File(basedir, 'target/proxy.port').text.trim() as int)
  }

  String getHost() { "127.0.0.1:${port}" }

  /** What test.properties gave every run, e.g. it.nonce. */
  String property(String name) {
    def p = new Properties()
    new File(basedir, 'test.properties').withInputStream { p.load(it) }
    p.getProperty(name)
  }

  int get(String path) {
    def conn = new URL("http://${host}${path}").openConnection()
    conn.responseCode
  }

  void stop() {
    try {
      get('/__proxy/stop')
    } catch (IOException ignored) {
      // already gone
    }
  }

  /**
   * The journal split at its marks: segment 0 before the first mark, segment i after mark i.
   * Each request is [method, path, status (null when closed unanswered), bytes, client, fault].
   */
  List<List<Map>> segments() {
    List<List<Map>> result = [[]]
    new File(basedir, 'target/proxy-journal.tsv').eachLine { line ->
      if (line.startsWith('# mark')) {
        result << []
      } else if (!line.startsWith('#')) {
        def f = line.split('\t', -1)
        result[-1] << [method: f[0], path: f[1], status: f[2] == '-' ? null : f[2] as int, bytes: f[3] as long,
                       client: f[4], fault: f[5] == 'fault']
      }
    }
    result
  }

  /** Requests the plugin sent (its User-Agent), in order. */
  static List<Map> fromPlugin(List<Map> requests) {
    requests.findAll { it.client == 'docker-build-maven-plugin' }
  }
}
