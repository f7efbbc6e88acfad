// app-a verifies its base image: a copy of the stack's base image, signed here with a fresh key by
// the cosign CLI (app-a/cosign.key, app-a/cosign.pub). Its cache sources are not signed. Each run
// appends its signature to the base's (the key is new each run); verify accepts only this run's
// key, so the signatures earlier runs left do not change what it decides.
def app = new File(basedir, 'app-a')
['cosign.key', 'cosign.pub'].each { new File(app, it).delete() }
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def env = [COSIGN_PASSWORD: 'it-report-Passw0rd']
def run = { List<String> command, File dir -> Registry.runOk(command, dir, env) }
def base = "${registry}/it/report/base:signed".toString()
run(['cosign', 'generate-key-pair'], app)
run(['docker', 'buildx', 'imagetools', 'create', '--annotation', 'index:org.example.variant=report-signed', '-t', base,
     "${registry}/test/busybox:1".toString()], basedir)
run(['cosign', 'sign', '--key', 'cosign.key', '--tlog-upload=false', '--allow-insecure-registry', '--yes', base], app)
true
