// A local Fulcio and Rekor with their own trust root; the runs get their URLs and the token file
// through test.properties.
def StandIn = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'SigstoreStandIn.groovy'))
StandIn.start(basedir, pluginTarget)
true
