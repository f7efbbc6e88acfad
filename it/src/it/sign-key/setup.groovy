// A fresh cosign key pair for this run, made by the cosign CLI itself (cosign.key, cosign.pub).
['cosign.key', 'cosign.pub'].each { new File(basedir, it).delete() }
def pb = new ProcessBuilder(['cosign', 'generate-key-pair']).directory(basedir).redirectErrorStream(true)
pb.environment().put('COSIGN_PASSWORD', 'it-sign-Passw0rd-91c7')
def p = pb.start()
def out = p.inputStream.text
assert p.waitFor() == 0 : out
assert new File(basedir, 'cosign.key').text.contains('ENCRYPTED SIGSTORE PRIVATE KEY')
new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy')).freshNonce(basedir)
true
