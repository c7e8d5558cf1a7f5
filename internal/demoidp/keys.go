package demoidp

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"

	jose "github.com/go-jose/go-jose/v4"
)

// signingKey is the RSA key the ID tokens are signed with. It is generated
// at every start and never written anywhere: tokens of an earlier run stop
// verifying, which for a demo is what we want.
type signingKey struct {
	id      string
	private *rsa.PrivateKey
}

func newSigningKey() (*signingKey, error) {
	private, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("Signaturschlüssel erzeugen: %w", err)
	}
	return &signingKey{id: rand.Text(), private: private}, nil
}

// SignatureAlgorithm, Key and ID make signingKey an op.SigningKey.
func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k *signingKey) Key() any                                    { return k.private }
func (k *signingKey) ID() string                                  { return k.id }

// publicKey is the half of the signing key published in the JWKS.
type publicKey struct{ k *signingKey }

// ID, Algorithm, Use and Key make publicKey an op.Key.
func (p publicKey) ID() string                         { return p.k.id }
func (p publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (p publicKey) Use() string                        { return "sig" }
func (p publicKey) Key() any                           { return &p.k.private.PublicKey }
