// The checks run the loaded image: what an earlier run loaded must not stand in for this run's load.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
Registry.run(['docker', 'image', 'rm', '-f', 'secrets:1.0.0'])
true
