// A fresh nonce (each run's RUN step is its own, never cached), and the two broken contexts of runs
// 3 and 4: the node2 TLS endpoint with another CA than the engine's, and an SSH port nothing listens on.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
Registry.freshNonce(basedir)
def client = '/var/lib/docker-build-stack/node2-tls/client'
def otherCa = tlsCa
['it-node2-wrong-ca', 'it-node2-no-sshd'].each { Registry.run(['docker', 'context', 'rm', '-f', it]) }
Registry.runOk(['docker', 'context', 'create', 'it-node2-wrong-ca', '--docker',
    "host=tcp://127.0.0.1:2376,ca=${otherCa},cert=${client}/cert.pem,key=${client}/key.pem".toString()], basedir)
Registry.runOk(['docker', 'context', 'create', 'it-node2-no-sshd', '--docker', 'host=ssh://root@127.0.0.1:1'], basedir)
true
