// the sample reaches the registry through the fault-injecting proxy
def Proxy = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'RegistryProxy.groovy'))
def proxy = Proxy.start(itLib, basedir, registry)
// run 1: every manifest push of the arm64 image answers 503 for BuildKit's seven attempts of one buildx
// run (one try and six retries of its own), so the plugin must push that platform again
assert proxy.get('/__proxy/fault?method=PUT&path=/it/arm64-publish-faults/manifests/&status=503&times=7') == 200
// and the amd64 image's first manifest push answers 503 once: BuildKit retries that by itself
assert proxy.get('/__proxy/fault?method=PUT&path=/it/amd64-publish-faults/manifests/&status=503&times=1') == 200
true
