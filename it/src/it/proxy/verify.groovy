// The registry is reachable only through the proxy: its name resolves nowhere on this machine but
// inside the proxy. Run 1 built, published and signed through it (the settings.xml proxy); run 2
// signed again with HTTPS_PROXY; run 3's wrong proxy password failed in one line. The proxy's log
// shows the tunnels, cosign (through the same proxy) verifies the signature, and no proxy password
// is in a log or a file under target/.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def name = 'registry.proxied.test:5444'
def repo = "it/proxy-${Registry.nonce(basedir)}".toString()
def proxyUrl = 'http://proxyuser:proxy-secret@127.0.0.1:3128'

try {
  InetAddress.getByName('registry.proxied.test')
  assert false : 'registry.proxied.test resolves outside the proxy: the IT would not prove anything'
} catch (UnknownHostException expected) {
  // only the proxy knows the registry
}

def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 4 : "three runs expected, the log has ${runs.size() - 1}"
def (first, second, third) = [runs[1], runs[2], runs[3]]

// 1: the settings.xml proxy, named once per registry by each goal that talks to it; BuildKit's pushes
// went out from the engine (its own proxy), RUN steps got the proxy without its credentials
assert first.contains('BUILD SUCCESS')
assert first.contains("${name} through the proxy 127.0.0.1:3128 (settings.xml proxy 'it-proxy')")
assert !first.contains('proxy.invalid') : 'the inactive proxy was used'
assert first.contains('RUN steps get the settings.xml proxy as HTTP_PROXY/HTTPS_PROXY/NO_PROXY (http://127.0.0.1:3128')
assert first =~ /${Registry.nonce(basedir)} build step proxy: http:\/\/127\.0\.0\.1:3128\s/
// the stack's engine has the proxy too: no warning that its pushes would miss it
assert !first.contains('has no HTTPS proxy')
// the base image's loopback registry is asked directly
assert !(first =~ /127\.0\.0\.1:5000 through the proxy/)

// 2: HTTPS_PROXY, every signature already there
assert second.contains('BUILD SUCCESS')
assert second.contains("${name} through the proxy 127.0.0.1:3128 (HTTPS_PROXY)")

// 3: the proxy refused the password: one line naming the proxy, the variable and what to do
assert third.contains('BUILD FAILURE')
def refused = third.readLines().find { it.contains('refused the tunnel') }
assert refused != null : third
assert refused =~ /the proxy 127\.0\.0\.1:3128 \(HTTPS_PROXY\) refused the tunnel: HTTP\/1\.[01] 40[17] /
assert refused.contains("registry ${name}")
assert refused.contains('check the user:password@ part of HTTPS_PROXY')
assert !third.contains('\tat ') : 'a stack trace for a wrong password'

// no proxy password anywhere: the log, the files under target/ (the build's Docker config is gone)
assert !log.contains('proxy-secret')
def target = new File(basedir, 'target')
target.eachFileRecurse { file ->
  if (file.isFile()) {
    assert !file.getText('ISO-8859-1').contains('proxy-secret') : "${file} holds the proxy password"
  }
}
assert !new File(target, 'docker-build').listFiles().any { it.name.startsWith('docker-config-') }

// the proxy's log of this run: tunnels to the registry (the plugin's and the engine's), none to loopback
def start = new File(basedir, 'proxy-log.start').text.trim() as long
def proxyLog = new File('/var/lib/docker-build-stack/logs/tinyproxy.log')
def part = new String(proxyLog.bytes, (int) start, (int) (proxyLog.length() - start), 'ISO-8859-1')
def tunnels = part.readLines().count { it.contains("Request (file descriptor") && it.contains("CONNECT ${name} ") }
assert tunnels >= 4 : "the proxy saw ${tunnels} tunnels to ${name}:\n${part}"
assert !part.contains('CONNECT 127.0.0.1') && !part.contains('CONNECT localhost')

// through the proxy, as a client would: the index over both platforms, and its signature by cosign
def env = [HTTPS_PROXY: proxyUrl, SSL_CERT_FILE: tlsCa]
def (code, body) = Registry.run(['curl', '-sS', '--cacert', tlsCa, '-x', proxyUrl,
    '-H', 'Accept: application/vnd.oci.image.index.v1+json',
    "https://${name}/v2/${repo}/manifests/1.0.0".toString()])
assert code == 0 : body
def index = new JsonSlurper().parseText(body)
assert index.manifests*.platform*.architecture.sort() == ['amd64', 'arm64']
def record = new JsonSlurper().parse(new File(target, 'docker-build/build-record.json'))
def digest = record.publish.indexDigest
def (exit, out) = Registry.run(['cosign', 'verify', '--key', new File(basedir, 'cosign.pub').path,
    '--insecure-ignore-tlog=true', "${name}/${repo}@${digest}".toString()], env)
assert exit == 0 : "cosign verify through the proxy: ${out}"
true
