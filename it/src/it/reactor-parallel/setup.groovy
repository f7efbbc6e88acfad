// Both image modules build FROM one base image: a copy of the stack's base image, signed here with
// a fresh key by the cosign CLI (cosign.key, cosign.pub beside this POM), which each module's verify
// goal checks with the parent's policy.
['cosign.key', 'cosign.pub'].each { new File(basedir, it).delete() }
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def env = [COSIGN_PASSWORD: 'it-reactor-Passw0rd']
def run = { List<String> command -> Registry.runOk(command, basedir, env) }
def base = "${registry}/it/reactor/base:signed".toString()
run(['cosign', 'generate-key-pair'])
run(['docker', 'buildx', 'imagetools', 'create', '--annotation', 'index:org.example.variant=reactor-signed', '-t', base,
     "${registry}/test/busybox:1".toString()])
run(['cosign', 'sign', '--key', 'cosign.key', '--tlog-upload=false', '--allow-insecure-registry', '--yes', base])
true
