// A Docker config of the user's own: a login for another registry and a credential helper for a
// third, none for the TLS registry; verify.groovy checks it is byte-identical afterwards.
def dir = new File(basedir, 'docker-config')
dir.mkdirs()
def config = '''{
	"auths": {
		"other.example:5000": {
			"auth": "b3RoZXI6b3RoZXItc2VjcmV0"
		}
	},
	"credHelpers": {
		"gcr.example": "no-such-helper"
	}
}
'''
new File(dir, 'config.json').text = config
new File(basedir, 'docker-config.expected').text = config
true
