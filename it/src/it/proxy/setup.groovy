// A fresh cosign key pair and repository for this run; where the proxy's log stands now, so the
// checks read only this run's part of it.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
Registry.cosignKeyPair(basedir, 'it-proxy-Passw0rd-3c1')
Registry.freshNonce(basedir)
def proxyLog = new File('/var/lib/docker-build-stack/logs/tinyproxy.log')
assert proxyLog.isFile() : "no proxy log at ${proxyLog}: run .ci/stack-up"
new File(basedir, 'proxy-log.start').text = proxyLog.length().toString()
true
