// verify + site on two image modules: each module's report page names the images, tags, digests
// and cache/base verification outcomes of this very build (read back from its build record and its
// plan: every cache entry of every platform resolved, with its status, every build arg's value per
// platform, the Dockerfile and context, no placeholder left); the parent's page lists both modules. Then the page is opened in headless Chromium: the rendered DOM
// has the tables and the SVG bars, and a screenshot is kept as a CI artifact.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)

def html = { String module -> new File(basedir, "${module}/target/site/docker-build.html").text }
def record = { String module -> new JsonSlurper().parse(new File(basedir, "${module}/target/docker-build/build-record.json")) }

['app-a': ['linux/amd64', 'linux/arm64'], 'app-b': ['linux/amd64']].each { module, platforms ->
  def page = html(module)
  def r = record(module)
  def image = "${registry}/it/report/${module}"
  assert r.build.platforms*.platform == platforms
  assert page.contains("Container image: ${image}")
  assert page.contains("Built ${platforms.size()} platform")
  assert page.contains("<tr class=\"primary\"><td>2.0.0</td><td><code>${image}:2.0.0</code></td><td><strong>primary</strong>")
  assert page.contains("<code>${image}:stable</code>")
  r.build.platforms.each { p ->
    assert p.succeeded && p.digest ==~ /sha256:[0-9a-f]{64}/
    assert page.contains(p.digest) : "${module}: digest of ${p.platform} missing"
    assert page.contains("<tr class=\"platform built\" data-platform=\"${p.platform}\">")
    assert p.builder == 'default'
    assert p.layerSizes != null && p.layerSizes.size() >= 2 : "layer sizes recorded from the registry: ${p}"
    assert p.compressedSize > p.layerSizes.sum()
    assert p.cachedSteps + p.executedSteps >= 2 : "steps counted from the progress: ${p}"
    assert page.contains("${p.cachedSteps} / ${p.executedSteps}")
    def arch = p.platform.split('/')[1]
    if (module == 'app-b') {
      // the registry cache source of this build, not verified: no verify stage ran in app-b
      assert page.contains("<td>type=registry,ref=${image}:2.0.0-${arch}</td><td>used unverified</td><td>the verify goal has not run</td>")
    }
    assert page.contains("<td>type=inline</td><td>exported</td>")
    assert page.contains("compression=zstd")
  }
  if (module == 'app-b') {
    // the base image, resolved from the build arg, and its (absent) verification
    assert page.contains("<td>\${BASE_IMAGE}</td><td>${registry}/test/busybox:1</td><td>not verified</td>")
  } else {
    // app-a's verify goal: the signed base verified and pinned, the unsigned cache sources dropped
    def base = r.verify.images.find { it.role == 'base' }
    assert base.outcome == 'verified' && base.digest ==~ /sha256:[0-9a-f]{64}/ && base.signer.startsWith('ECDSA P-256 key SHA256:')
    assert page.contains("<td>\${BASE_IMAGE}</td><td>${registry}/it/report/base:signed</td><td>verified</td><td>signed by ${base.signer}; legacy signature; pinned to ${base.digest}</td>")
    def caches = r.verify.images.findAll { it.role == 'cache' }
    assert caches.size() == 2 && caches.every { it.outcome == 'dropped' }
    caches.each { c ->
      def platform = c.reference.endsWith('-amd64') ? 'linux/amd64' : 'linux/arm64'
      assert page.contains("<td>${platform}</td><td>from</td><td>type=registry,ref=${c.reference}</td><td>dropped</td>") :
          "cache outcome of ${c.reference}"
    }
    assert !page.contains('used unverified')
  }
  assert page.contains('<td>com.example.team</td><td>platform</td><td>user</td>')
  assert page.contains("<td>com.example.component</td><td>${module}</td><td>Dockerfile</td>")
  assert page.contains('<td>BUILD_VERSION</td><td>2.0.0</td><td>injected</td>')
  def buildArch = platforms.size() == 1 ? 'amd64' : 'linux/amd64: amd64; linux/arm64: arm64'
  assert page.contains("<td>BUILD_ARCH</td><td>${buildArch}</td><td>injected</td>")
  assert page.contains("<td>Dockerfile</td><td>${new File(basedir, module).canonicalPath}/Dockerfile</td>")
  assert page.contains("<td>context directory</td><td>${new File(basedir, module).canonicalPath}</td>")
  ['{arch}', '{archImage}', '{tag}', '{image}', '{scope}'].each { assert !page.contains(it) : "${module}: ${it} unresolved" }
  assert page.contains('id="build-time-chart"')
  // the index publish pushed: the registry serves it under both tags, the page names it
  def repo = "it/report/${module}"
  assert r.publish.indexDigest ==~ /sha256:[0-9a-f]{64}/
  assert reg.manifest(repo, '2.0.0').digest == r.publish.indexDigest
  assert reg.manifest(repo, 'stable').digest == r.publish.indexDigest
  assert page.contains("<code id=\"index-digest\">${r.publish.indexDigest}</code>")
  assert page.contains("<tr><td><code>${image}:2.0.0</code></td></tr>")
  assert page.contains("<tr><td><code>${image}:stable</code></td></tr>")
  assert page.contains("published index ${r.publish.indexDigest} as 2 tags")
}
def a = html('app-a')
assert a.contains('<td>GREETING</td><td></td><td>Dockerfile</td><td>hello from the report sample</td>')
assert a.contains('<td>com.example.tier</td><td>back end</td><td>Dockerfile</td>')
assert a.contains('<td>push</td><td>yes: per-arch images are pushed</td>')

// the parent: one row per image module, linked, both built
def parent = new File(basedir, 'target/site/docker-build.html').text
assert parent.contains('<a href="app-a/docker-build.html">app-a</a>')
assert parent.contains('<a href="app-b/docker-build.html">app-b</a>')
assert (parent =~ /<tr class="module">/).count == 2
assert !parent.contains('no build record yet') : 'the second run sees both records'
['app-a', 'app-b'].each { assert parent.contains(record(it).publish.indexDigest) }
def log = new File(basedir, 'build.log').text
assert !log.contains('renders this report (Doxia 2) as an empty page') : 'site plugin 3.21.0 is declared'

// Headless Chromium renders the page: tables and SVG bars in the DOM, and a screenshot.
def chromium = ['chromium', 'chromium-browser'].find { exe ->
  ['/usr/bin', '/usr/local/bin'].any { new File(it, exe).canExecute() }
}
assert chromium != null : 'Chromium is needed for the report IT: apt-get install chromium (.ci/stack-up installs it)'
def url = new File(basedir, 'app-a/target/site/docker-build.html').toURI().toString()
def profile = File.createTempDir('report-chromium', '')
def flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--no-first-run', "--user-data-dir=${profile}".toString()]
def run = { List<String> args ->
  def process = ([chromium] + flags + args).execute()
  def out = new StringBuilder(), err = new StringBuilder()
  process.consumeProcessOutput(out, err)
  assert process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) : "chromium did not finish: ${err}"
  assert process.exitValue() == 0 : "chromium failed: ${err}"
  out.toString()
}
def dom = run(['--dump-dom', url])
def platformRows = (dom =~ /<tr class="platform built" data-platform="linux\/(amd64|arm64)">/).count
assert platformRows == 2 : 'the rendered DOM has both platform rows'
def svg = { String id ->
  def m = dom =~ /(?s)<svg[^>]*id="${id}"[^>]*>(.*?)<\/svg>/
  assert m.find() : "the rendered DOM has no svg#${id}"
  m.group(1)
}
assert (svg('build-time-chart') =~ /<rect /).count == 2
def layersAmd = record('app-a').build.platforms[0].layerSizes.size()
assert (svg('layers-linux-amd64') =~ /<rect /).count == layersAmd
assert dom.contains('id="platform-table"') && dom.contains('id="cache-table"') && dom.contains('id="labels-table"')
assert (dom =~ /(?s)<table[^>]*id="published-tags".*?<\/table>/).find() : 'the published tags table is rendered'
def shot = new File(basedir, '../../report-site.png').canonicalFile
shot.delete()
run(["--screenshot=${shot}".toString(), '--window-size=1280,2600', '--hide-scrollbars', url])
assert shot.isFile() && shot.length() > 10_000 : "no screenshot at ${shot}"
println "report screenshot: ${shot}"
profile.deleteDir()
true
