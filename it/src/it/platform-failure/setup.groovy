// A fresh cosign key pair (the cosign CLI's own), and fresh repositories for this run (it.nonce).
['cosign.key', 'cosign.pub'].each { new File(basedir, it).delete() }
def pb = new ProcessBuilder(['cosign', 'generate-key-pair']).directory(basedir).redirectErrorStream(true)
pb.environment().put('COSIGN_PASSWORD', 'it-partial-Passw0rd-3f1')
def p = pb.start()
def out = p.inputStream.text
assert p.waitFor() == 0 : out
new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy')).freshNonce(basedir)
true
