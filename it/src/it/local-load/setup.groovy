// The checks read the local engine: what an earlier run loaded must not stand in for this run's load.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
Registry.run(['docker', 'image', 'rm', '-f', 'local-load:2.1.0', 'local-load:dev'])
true
