// A build loaded into the local engine is left out while the engine holds the recorded image under
// its tag, and built again once it does not.
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 5
def built = { String run -> run.contains('[linux/amd64] building and loading it-up-to-date-local:1.0.0') }
def leftOut = { String run -> run.contains('image it-up-to-date-local [1.0.0] is up to date, not built: nothing it is made '
    + 'from changed since the build of ') && run.contains('(1 context file, 1 image resolved, 1 local tag checked)') }

assert built(runs[1]) && !leftOut(runs[1])
assert leftOut(runs[2]) && !built(runs[2]) && !runs[2].contains('buildx build')
assert built(runs[3]) && runs[3].contains('image it-up-to-date-local: building, it-up-to-date-local:1.0.0 no longer points '
    + 'at the image built on ')
assert leftOut(runs[4]) && !built(runs[4])

// the engine holds what the record says
def record = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
assert record.build.upToDate == true
def loaded = record.build.platforms.find { it.reference != null }
def p = ['docker', 'image', 'inspect', '--format', '{{.Id}}', 'it-up-to-date-local:1.0.0'].execute()
def id = p.text.trim()
assert p.waitFor() == 0 && id == loaded.digest
['docker', 'rmi', 'it-up-to-date-local:1.0.0'].execute().waitFor()
true
