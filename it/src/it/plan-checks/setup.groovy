// A cosign key pair for signing, and fresh repositories that already hold a release: the 3.23 tag of
// the index and of each per-arch repository points at the stack's base image.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
Registry.cosignKeyPair(basedir, 'it-plan-Passw0rd')
def nonce = Registry.freshNonce(basedir)
['base', 'amd64-base', 'aarch64-base'].each { repo ->
  def (exit, out) = Registry.run(['docker', 'buildx', 'imagetools', 'create', '-t',
      "${registry}/it/plan-checks-${nonce}/${repo}:3.23".toString(), "${registry}/test/busybox:1".toString()])
  assert exit == 0 : out
}
// run 7's global settings: a server for the image's registry with a username and no password
new File(basedir, 'settings-no-password.xml').text = """<settings><servers><server>
  <id>${registry}</id><username>ci</username>
</server></servers></settings>
"""
// what the registry holds before the runs, for verify.groovy to compare
def reg = Registry.newInstance(registry)
new File(basedir, 'tags-before.json').text = groovy.json.JsonOutput.toJson(
    ['base', 'amd64-base', 'aarch64-base'].collectEntries { [(it): reg.tagDigests("it/plan-checks-${nonce}/${it}".toString())] })
true
