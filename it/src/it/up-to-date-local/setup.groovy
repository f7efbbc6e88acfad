// a clean engine for this sample's image: the first run must build it
['docker', 'rmi', '--force', 'it-up-to-date-local:1.0.0'].execute().waitFor()
true
