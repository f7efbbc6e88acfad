// A fresh cosign key pair for this run, made by the cosign CLI itself (cosign.key, cosign.pub).
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
Registry.cosignKeyPair(basedir, 'it-roundtrip-Passw0rd-3')
true
