// Maven 4's super POM dates every project 1980-02-01T00:00:00Z: the plugin takes that as "not set",
// says so in one line, and dates the image by the clock; no SOURCE_DATE_EPOCH build arg is injected.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def log = new File(basedir, 'build.log').text
def lines = log.readLines().findAll { it.contains("project.build.outputTimestamp 1980-02-01T00:00:00Z is Maven 4's default") }
assert lines.size() == 1 : log
assert lines[0].startsWith('[INFO] ')
assert log.contains('(clock)')

def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
assert record.metadata.createdSource == 'clock'
assert record.metadata.sourceDateEpoch == null
assert !record.metadata.buildArgs.containsKey('SOURCE_DATE_EPOCH')

def m = reg.manifest('it/maven4-default-date', '1.0.0-amd64')
def config = reg.blobJson('it/maven4-default-date', m.json.config.digest)
def labels = config.config.Labels
assert labels['it.maven.version'].startsWith('4.0.0')
assert !labels['org.opencontainers.image.created'].startsWith('1980')
assert labels['org.opencontainers.image.created'].substring(0, 4).toInteger() >= 2026
true
