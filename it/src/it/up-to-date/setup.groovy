// the sample reaches the registry through the counting proxy; its base image is a tag of its own,
// which run 5 moves
def loader = new GroovyClassLoader(getClass().classLoader)
def Proxy = loader.parseClass(new File(itLib, 'RegistryProxy.groovy'))
def Registry = loader.parseClass(new File(itLib, 'Registry.groovy'))
Proxy.start(itLib, basedir, registry)
new File(basedir, 'app.txt').text = 'one\n'
def nonce = Registry.nonce(basedir)
Registry.runOk(['docker', 'buildx', 'imagetools', 'create', '-t', "${registry}/it/up-to-date-base-${nonce}:1".toString(),
    "${registry}/test/busybox:1".toString()], basedir)
true
