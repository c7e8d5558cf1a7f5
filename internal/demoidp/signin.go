package demoidp

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
)

// SignIn signs a scripted browser in to the app at appURL through the demo
// provider, as a person would: start at the app's sign-in, fill in the
// provider's login form, follow the redirects back. The returned client
// carries the app's session cookie and does not follow redirects, so callers
// see every answer as it is. Tests and the benchmark use it; it works only
// against a demo provider.
func SignIn(ctx context.Context, appURL, username, password string) (*http.Client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	browser := &http.Client{Jar: jar}
	resp, err := get(ctx, browser, appURL+"/anmelden")
	if err != nil {
		return nil, err
	}
	if resp.Request.URL.Path != "/login" {
		return nil, fmt.Errorf("sign-in did not reach the login form but %s (status %d)", resp.Request.URL, resp.StatusCode)
	}
	form := url.Values{"authRequestID": {resp.Request.URL.Query().Get("authRequestID")},
		"username": {username}, "password": {password}}
	login := resp.Request.URL.ResolveReference(&url.URL{Path: "/login"})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, login.String(), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, err = do(browser, req); err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Request.URL.String(), appURL) {
		return nil, fmt.Errorf("sign-in as %s ended at %s with status %d", username, resp.Request.URL, resp.StatusCode)
	}
	browser.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return browser, nil
}

func get(ctx context.Context, c *http.Client, u string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	return do(c, req)
}

// do sends a request and drains the body, keeping the connection reusable.
func do(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp, resp.Body.Close()
}
