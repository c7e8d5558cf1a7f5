// Package pdftest reads what tests need to know about a PDF: its
// dictionaries, including those inside compressed object streams, and the
// document title. It is a test helper, not a PDF parser: it finds names and
// strings, enough to prove a PDF is tagged, titled and has embedded fonts.
package pdftest

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"io"
	"regexp"
	"strings"
	"unicode/utf16"
)

// Text is the PDF's uncompressed bytes followed by every FlateDecode stream
// decompressed (object streams hold most dictionaries in Chromium's PDFs;
// page content streams come along, which does no harm to a search).
func Text(pdf []byte) string {
	var out bytes.Buffer
	out.Write(pdf)
	rest := pdf
	for {
		i := bytes.Index(rest, []byte("stream"))
		if i < 0 {
			break
		}
		start := i + len("stream")
		if bytes.HasPrefix(rest[start:], []byte("\r\n")) {
			start += 2
		} else if bytes.HasPrefix(rest[start:], []byte("\n")) {
			start++
		} else { // "endstream" or a name containing "stream"
			rest = rest[start:]
			continue
		}
		end := bytes.Index(rest[start:], []byte("endstream"))
		if end < 0 {
			break
		}
		if r, err := zlib.NewReader(bytes.NewReader(rest[start : start+end])); err == nil {
			if b, err := io.ReadAll(r); err == nil || len(b) > 0 {
				out.WriteString("\n")
				out.Write(b)
			}
		}
		rest = rest[start+end+len("endstream"):]
	}
	return out.String()
}

var titleRE = regexp.MustCompile(`/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)`)

// Title is the first /Title string of the document information dictionary,
// decoded (literal or hex, PDFDocEncoding or UTF-16BE with BOM).
func Title(text string) (string, bool) {
	m := titleRE.FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	return decodeString(m[1]), true
}

// Strings returns every /Key string value in text, decoded; for /Lang, /Title, …
func Strings(text, key string) []string {
	re := regexp.MustCompile(regexp.QuoteMeta(key) + `\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		out = append(out, decodeString(m[1]))
	}
	return out
}

func decodeString(s string) string {
	var raw []byte
	if strings.HasPrefix(s, "<") {
		h := strings.Join(strings.Fields(strings.Trim(s, "<>")), "")
		raw, _ = hex.DecodeString(h)
	} else {
		raw = unescape(s[1 : len(s)-1])
	}
	if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
		u := make([]uint16, 0, len(raw)/2)
		for i := 2; i+1 < len(raw); i += 2 {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(raw)) // PDFDocEncoding is Latin-1 for the letters we use
	for i, b := range raw {
		r[i] = rune(b)
	}
	return string(r)
}

func unescape(s string) []byte {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b = append(b, s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case '(', ')', '\\':
			b = append(b, c)
		default:
			if c >= '0' && c <= '7' {
				v, n := 0, 0
				for n < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7' {
					v = v*8 + int(s[i]-'0')
					i++
					n++
				}
				i--
				b = append(b, byte(v))
			}
		}
	}
	return b
}
