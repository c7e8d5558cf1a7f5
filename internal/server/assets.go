package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/planwerk/planwerk/web"
)

// asset is one file of web/static as it is served: its body read once at
// start, its fingerprinted name and, where that pays, a gzip copy compressed
// once at the best level instead of on every request.
type asset struct {
	name        string // path under /static/, e.g. "app.css"
	fingerprint string // the same with the content hash, e.g. "app.3f2a9c1b.css"
	contentType string
	// body is a style sheet as rewritten at start; other files are read
	// from src when served, so that the embedded fonts and scripts (some
	// 5 MB) are not copied onto the heap: every live megabyte is two of
	// RSS under the collector's default.
	body    []byte
	src     fs.FS
	srcPath string
	gzipped []byte // nil when gzip would not make it smaller or the type is compressed already
	hash    string // hex of the content hash, the ETag's value
}

// assetTable finds an asset by its plain or its fingerprinted name.
type assetTable struct {
	byName, byFingerprint map[string]*asset
}

// staticAssets reads, fingerprints and precompresses web/static once.
var staticAssets = sync.OnceValues(func() (*assetTable, error) { return loadAssets(web.Static, "static") })

// assetURL returns the fingerprinted URL of a static file, for the template
// func "asset". An unknown path is a programming error and fails at template
// execution, which the start-up check of every page catches.
func assetURL(name string) (string, error) {
	t, err := staticAssets()
	if err != nil {
		return "", err
	}
	a, ok := t.byName[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + a.fingerprint, nil
}

// loadAssets reads every file under root. Style sheets come last: their
// relative url() references are rewritten to the fingerprinted names of the
// files they point to (fonts, images), and only then are they hashed, so a
// changed font changes the sheet's name too.
func loadAssets(fsys fs.FS, root string) (*assetTable, error) {
	t := &assetTable{byName: map[string]*asset{}, byFingerprint: map[string]*asset{}}
	var sheets []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		name := strings.TrimPrefix(p, root+"/")
		if path.Ext(name) == ".css" {
			sheets = append(sheets, name)
			return nil
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		a, err := t.add(name, body)
		if err != nil {
			return err
		}
		a.body, a.src, a.srcPath = nil, fsys, p
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, name := range sheets {
		body, err := fs.ReadFile(fsys, root+"/"+name)
		if err != nil {
			return nil, err
		}
		if _, err := t.add(name, t.rewriteURLs(name, body)); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *assetTable) add(name string, body []byte) (*asset, error) {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:8])
	ext := path.Ext(name)
	a := &asset{name: name, fingerprint: strings.TrimSuffix(name, ext) + "." + hash[:8] + ext,
		contentType: contentTypeOf(ext), body: body, hash: hash}
	if compressible(a.contentType) {
		gz, err := gzipBest(body)
		if err != nil {
			return nil, err
		}
		if len(gz) < len(body)*9/10 { // less than a tenth saved: not worth a second variant
			a.gzipped = gz
		}
	}
	t.byName[name], t.byFingerprint[a.fingerprint] = a, a
	return a, nil
}

// content opens the asset's uncompressed bytes for serving.
func (a *asset) content() (io.ReadSeeker, func(), error) {
	if a.src == nil {
		return bytes.NewReader(a.body), func() {}, nil
	}
	f, err := a.src.Open(a.srcPath)
	if err != nil {
		return nil, nil, err
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		f.Close()
		return nil, nil, fmt.Errorf("asset %s: the file system cannot seek", a.srcPath)
	}
	return rs, func() { f.Close() }, nil
}

// contentTypeOf names the type of a file extension; fonts are named here
// because the system's MIME table may not know woff2.
func contentTypeOf(ext string) string {
	switch ext {
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	}
	if ct := mime.TypeByExtension(ext); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

// cssURL matches a url() reference in a style sheet, quoted or not.
var cssURL = regexp.MustCompile(`url\(\s*(["']?)([^"')]+)(["']?)\s*\)`)

// rewriteURLs points a sheet's relative references at the fingerprinted
// names. Absolute, data: and unknown references stay as they are.
func (t *assetTable) rewriteURLs(sheet string, body []byte) []byte {
	return cssURL.ReplaceAllFunc(body, func(m []byte) []byte {
		sub := cssURL.FindSubmatch(m)
		ref := string(sub[2])
		if strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "#") {
			return m
		}
		target, ok := t.byName[path.Join(path.Dir(sheet), ref)]
		if !ok {
			return m
		}
		return []byte(`url("/static/` + target.fingerprint + `")`)
	})
}

func gzipBest(body []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(body); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
