package server

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"sync"

	"github.com/planwerk/planwerk/web"
)

// staticFS serves web/static under /static.
func staticFS() http.FileSystem {
	sub, err := fs.Sub(web.Static, "static")
	if err != nil {
		panic(err) // the embed directive guarantees the folder exists
	}
	return http.FS(sub)
}

// assetVersions caches a short content hash per asset path, so that asset URLs
// change whenever the file does and browsers never keep a stale copy.
var assetVersions sync.Map

// assetURL returns the URL of a static file with its content hash. An unknown
// path is a programming error and fails at template execution, which the
// start-up check of every page catches.
func assetURL(path string) (string, error) {
	if v, ok := assetVersions.Load(path); ok {
		return v.(string), nil
	}
	data, err := fs.ReadFile(web.Static, "static/"+path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	url := "/static/" + path + "?v=" + hex.EncodeToString(sum[:6])
	assetVersions.Store(path, url)
	return url, nil
}
