def log = new File(basedir, 'build.log').text
def image = "image ${registry}/it/bad-input: "
assert log.contains("${image}<platforms> (-Ddocker.platforms) 'linux/sparc 64' is not a platform: use os/arch[/variant]")
assert log.contains("${image}<compression> (-Ddocker.compression) 'lz4' is not a compression: use one of zstd, gzip, estargz, uncompressed")
assert log.contains("${image}<cacheFrom> (-Ddocker.cacheFrom) 'type=registry' has no ref: type=registry needs ref=HOST/REPO:TAG")
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'a stack trace reached the log'
assert !log.readLines().any { it.contains('Exception') && !it.contains('cwiki.apache.org') } : 'an exception name reached the log'
assert !log.contains('[linux/amd64] building') : 'a build started despite invalid parameters'
true
