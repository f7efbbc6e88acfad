// A TLS registry with htpasswd: publish trusted the CA from <caCertificate> and used the
// settings.xml server of the registry host; with a wrong password it failed in one line that
// names the user (never the password) and moved no tag.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 3
assert runs[1].contains("published ${tlsRegistry}/it/publish-auth@sha256:")

// read back over TLS with the builder's credentials, independently of the plugin
def manifest = { String ref ->
  Registry.run(['curl', '-s', '-o', '/dev/stdout', '-w', '\n%{http_code}', '--cacert', tlsCa, '-u', 'builder:builder-secret',
      '-H', 'Accept: application/vnd.oci.image.index.v1+json',
      "https://${tlsRegistry}/v2/it/publish-auth/manifests/${ref}".toString()])
}
def (exit, out) = manifest('1.0.0')
assert exit == 0 && out.readLines().last() == '200' : out
def index = new groovy.json.JsonSlurper().parseText(out.readLines()[0..-2].join('\n'))
assert index.manifests*.platform*.architecture == ['amd64', 'arm64']

def error = runs[2].readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('the registry refused the credentials of user publisher')
assert error.contains('no tag was moved')
assert !runs[2].contains('not-the-password')
assert !(runs[2] =~ /(?m)^\s+at [\w.$]+\(/) : 'a stack trace reached the log'
(exit, out) = manifest('wrong-password')
assert out.readLines().last() == '404' : "the wrong-password run moved a tag: ${out}"
true
