// One login: buildx pushed both per-arch images to the TLS + htpasswd registry with the settings.xml
// server the plugin publishes with, through a Docker config made for the build (removed after it);
// the user's Docker config is byte-identical and no secret is in the log or in a file under target/.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def log = new File(basedir, 'build.log').text
assert log.contains("buildx logs in to ${tlsRegistry} with the settings.xml server of that name")
assert log.contains("[linux/amd64] building and pushing ${tlsRegistry}/it/one-login:1.0.0-amd64")
assert log.contains("published ${tlsRegistry}/it/one-login@sha256:")

// read back over TLS, independently of the plugin
def (exit, out) = Registry.run(['curl', '-s', '-o', '/dev/stdout', '-w', '\n%{http_code}', '--cacert', tlsCa,
    '-u', 'builder:builder-secret', '-H', 'Accept: application/vnd.oci.image.index.v1+json',
    "https://${tlsRegistry}/v2/it/one-login/manifests/1.0.0".toString()])
assert exit == 0 && out.readLines().last() == '200' : out
def index = new groovy.json.JsonSlurper().parseText(out.readLines()[0..-2].join('\n'))
assert index.manifests*.platform*.architecture == ['amd64', 'arm64']

// the user's config.json is never written (buildx keeps its own state beside it, as it always does)
assert new File(basedir, 'docker-config/config.json').bytes == new File(basedir, 'docker-config.expected').bytes
def work = new File(basedir, 'target/docker-build')
assert !work.list().any { it.startsWith('docker-config-') } : "the build's Docker config was left: ${work.list()}"

def secret = 'publisher-secret'
def encoded = 'publisher:publisher-secret'.bytes.encodeBase64().toString()
assert !log.contains(secret) && !log.contains(encoded)
new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { f ->
  def text = f.getText('ISO-8859-1')
  assert !text.contains(secret) && !text.contains(encoded) : "a secret in ${f}"
}
true
