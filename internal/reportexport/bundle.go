package reportexport

import (
	"archive/zip"
	"bytes"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"time"
)

// OParl 1.1 types of the bundle's description.
const (
	PaperType = "https://schema.oparl.org/1.1/Paper"
	FileType  = "https://schema.oparl.org/1.1/File"
	// PaperJSON is the description's file name in the bundle.
	PaperJSON = "oparl-paper.json"
	// PaperKind is the paper type of a status report in German council
	// information systems: a value of their vocabulary, not a UI text.
	PaperKind = "Mitteilungsvorlage"
)

// Paper is the bundle's description, shaped like an OParl 1.1 Paper
// (Drucksache), so a committee office can take it into its council
// information system without retyping.
type Paper struct {
	Type          string `json:"type"`
	Name          string `json:"name"`
	Reference     string `json:"reference"`
	Date          string `json:"date"`
	PaperType     string `json:"paperType"`
	MainFile      File   `json:"mainFile"`
	AuxiliaryFile []File `json:"auxiliaryFile"`
}

// File is an OParl 1.1 File of the bundle.
type File struct {
	Type           string `json:"type"`
	Name           string `json:"name"`
	FileName       string `json:"fileName"`
	MimeType       string `json:"mimeType"`
	Size           int    `json:"size"`
	SHA512Checksum string `json:"sha512Checksum"`
}

// Attachment is one file of the bundle with its content.
type Attachment struct {
	Name, FileName, MimeType string
	Data                     []byte
}

// BundleInfo names the paper: its title, reference (Aktenzeichen-like,
// e.g. plan slug and report id), date (the day it was frozen) and kind
// ("Mitteilungsvorlage").
type BundleInfo struct {
	Name, Reference, PaperType string
	Date                       time.Time
}

// Bundle zips the main file, the auxiliary files and the Paper describing
// them (PaperJSON).
func Bundle(info BundleInfo, main Attachment, aux ...Attachment) ([]byte, error) {
	paper := Paper{Type: PaperType, Name: info.Name, Reference: info.Reference,
		Date: info.Date.Format(time.DateOnly), PaperType: info.PaperType, MainFile: describe(main),
		AuxiliaryFile: []File{}}
	for _, a := range aux {
		paper.AuxiliaryFile = append(paper.AuxiliaryFile, describe(a))
	}
	desc, err := json.MarshalIndent(paper, "", "  ")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	files := append([]Attachment{main}, aux...)
	files = append(files, Attachment{FileName: PaperJSON, Data: desc})
	for _, a := range files {
		w, err := z.CreateHeader(&zip.FileHeader{Name: a.FileName, Method: zip.Deflate, Modified: info.Date})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(a.Data); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func describe(a Attachment) File {
	sum := sha512.Sum512(a.Data)
	return File{Type: FileType, Name: a.Name, FileName: a.FileName, MimeType: a.MimeType,
		Size: len(a.Data), SHA512Checksum: hex.EncodeToString(sum[:])}
}
