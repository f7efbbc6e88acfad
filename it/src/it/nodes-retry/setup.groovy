// The pool's first node: a docker-container builder that answers the preflight (buildx knows it,
// inactive) but cannot start when a build needs it, since its BuildKit image cannot be pulled here.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
Registry.freshNonce(basedir)
Registry.run(['docker', 'buildx', 'rm', '-f', 'it-retry-broken'])
Registry.runOk(['docker', 'buildx', 'create', '--name', 'it-retry-broken', '--driver', 'docker-container'], basedir)
true
