// the sample reaches the registry through the fault-injecting proxy
def Proxy = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'RegistryProxy.groovy'))
Proxy.start(itLib, basedir, registry)
true
