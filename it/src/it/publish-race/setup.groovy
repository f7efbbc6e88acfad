// Fresh repositories for this run (it.nonce).
new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy')).freshNonce(basedir)
true
