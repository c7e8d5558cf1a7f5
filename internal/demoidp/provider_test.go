package demoidp_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/planwerk/planwerk/internal/demoidp"
)

func TestDiscoveryDocument(t *testing.T) {
	p := startProvider(t)
	if !strings.HasPrefix(p.Issuer(), "http://127.0.0.1:") || strings.HasSuffix(p.Issuer(), ":0") {
		t.Fatalf("issuer = %q, want http://127.0.0.1:<port>", p.Issuer())
	}
	rp := newRelyingParty(t, p)
	resp := rp.get(p.Issuer() + "/.well-known/openid-configuration")
	var doc struct {
		Issuer               string   `json:"issuer"`
		Authorization        string   `json:"authorization_endpoint"`
		Token                string   `json:"token_endpoint"`
		JWKS                 string   `json:"jwks_uri"`
		EndSession           string   `json:"end_session_endpoint"`
		Userinfo             string   `json:"userinfo_endpoint"`
		CodeChallengeMethods []string `json:"code_challenge_methods_supported"`
		SigningAlgs          []string `json:"id_token_signing_alg_values_supported"`
		ResponseTypes        []string `json:"response_types_supported"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.Issuer != p.Issuer() {
		t.Errorf("issuer = %q, want %q", doc.Issuer, p.Issuer())
	}
	for name, endpoint := range map[string]string{"authorization": doc.Authorization, "token": doc.Token,
		"jwks": doc.JWKS, "end_session": doc.EndSession, "userinfo": doc.Userinfo} {
		if !strings.HasPrefix(endpoint, p.Issuer()+"/") {
			t.Errorf("%s endpoint = %q, want one under the issuer", name, endpoint)
		}
	}
	if !slices.Contains(doc.CodeChallengeMethods, "S256") || !slices.Contains(doc.SigningAlgs, "RS256") {
		t.Errorf("code_challenge_methods_supported = %v, signing algs = %v", doc.CodeChallengeMethods, doc.SigningAlgs)
	}
	var jwks struct {
		Keys []struct{ Kty, Alg, Use, Kid, N string }
	}
	if err := json.NewDecoder(rp.get(doc.JWKS).Body).Decode(&jwks); err != nil {
		t.Fatal(err)
	}
	if len(jwks.Keys) != 1 || jwks.Keys[0].Kty != "RSA" || jwks.Keys[0].Alg != "RS256" || jwks.Keys[0].Use != "sig" ||
		jwks.Keys[0].Kid == "" || len(jwks.Keys[0].N) < 340 { // 2048 bits in base64url
		t.Errorf("jwks = %+v, want one RSA 2048 signing key", jwks)
	}
}

func TestStartRefuses(t *testing.T) {
	for name, change := range map[string]func(*demoidp.Options){
		"all interfaces":  func(o *demoidp.Options) { o.Addr = "0.0.0.0:0" },
		"empty host":      func(o *demoidp.Options) { o.Addr = ":0" },
		"empty address":   func(o *demoidp.Options) { o.Addr = "" },
		"public address":  func(o *demoidp.Options) { o.Addr = "192.0.2.10:8081" },
		"IPv6 any":        func(o *demoidp.Options) { o.Addr = "[::]:0" },
		"host name":       func(o *demoidp.Options) { o.Addr = "planwerk.example:8081" },
		"no port":         func(o *demoidp.Options) { o.Addr = "127.0.0.1" },
		"no client id":    func(o *demoidp.Options) { o.ClientID = "" },
		"no secret":       func(o *demoidp.Options) { o.ClientSecret = "" },
		"no redirect":     func(o *demoidp.Options) { o.RedirectURIs = nil },
		"relative logout": func(o *demoidp.Options) { o.PostLogoutRedirectURIs = []string{"/"} },
	} {
		opts := testOptions(t)
		change(&opts)
		if p, err := demoidp.Start(t.Context(), opts); err == nil {
			p.Close()
			t.Errorf("%s: started on %s", name, p.Issuer())
		}
	}
	opts := testOptions(t)
	opts.DemoMode = false
	_, err := demoidp.Start(t.Context(), opts)
	if want := "Der Demo-Anmeldedienst startet nur im Demo-Modus (planwerk demo)"; err == nil || err.Error() != want {
		t.Errorf("outside demo mode: err = %v, want %q", err, want)
	}
}

func TestEndSession(t *testing.T) {
	p := startProvider(t)
	rp := newRelyingParty(t, p)
	tok, _, _ := rp.signInAs("nottuln")
	endSession := p.Issuer() + "/end_session?" + url.Values{
		"id_token_hint": {tok.Extra("id_token").(string)}, "post_logout_redirect_uri": {testLogoutURI}, "state": {"s1"},
	}.Encode()
	loc := rp.location(rp.get(endSession), http.StatusFound)
	if got := loc.Scheme + "://" + loc.Host + loc.Path; got != testLogoutURI || loc.Query().Get("state") != "s1" {
		t.Errorf("end_session redirected to %s, want %s?state=s1", loc, testLogoutURI)
	}
	if _, err := rp.provider.UserInfo(t.Context(), staticToken(tok)); err == nil {
		t.Error("access token still valid after signing out")
	}
	elsewhere := p.Issuer() + "/end_session?" + url.Values{
		"client_id": {testClientID}, "post_logout_redirect_uri": {"http://evil.example/"},
	}.Encode()
	if resp := rp.get(elsewhere); resp.StatusCode == http.StatusFound {
		t.Errorf("end_session redirected to an unregistered address: %s", resp.Header.Get("Location"))
	}
}
