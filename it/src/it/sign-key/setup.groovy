// A fresh cosign key pair for this run, made by the cosign CLI itself (cosign.key, cosign.pub), and fresh
// repositories (it.nonce).
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
Registry.cosignKeyPair(basedir, 'it-sign-Passw0rd-91c7')
Registry.freshNonce(basedir)
true
