// A fresh cosign key pair (the cosign CLI's own), and fresh repositories for this run (it.nonce).
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
Registry.cosignKeyPair(basedir, 'it-ha-Passw0rd-7d2')
Registry.freshNonce(basedir)
true
