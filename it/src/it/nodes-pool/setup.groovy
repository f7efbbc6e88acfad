// The pool's broken nodes: an SSH port nothing listens on, and node2's TLS endpoint with another CA.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
Registry.freshNonce(basedir)
def client = '/var/lib/docker-build-stack/node2-tls/client'
['it-pool-down', 'it-pool-wrong-ca'].each { Registry.run(['docker', 'context', 'rm', '-f', it]) }
Registry.runOk(['docker', 'context', 'create', 'it-pool-down', '--docker', 'host=ssh://root@127.0.0.1:1'], basedir)
Registry.runOk(['docker', 'context', 'create', 'it-pool-wrong-ca', '--docker',
    "host=tcp://127.0.0.1:2376,ca=${tlsCa},cert=${client}/cert.pem,key=${client}/key.pem".toString()], basedir)
true
