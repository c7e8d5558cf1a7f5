package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"github.com/planwerk/planwerk/internal/benchstat"
	"github.com/planwerk/planwerk/internal/postgres"
)

// Budgets of the public directory of offers (issue 13), with 10,000 offers.
const (
	offersDirectoryBudget = 30 * time.Millisecond
	offersSearchBudget    = 50 * time.Millisecond
)

// benchSearches are what people type, misspelt among them.
var benchSearches = []string{"Sprachkurse", "Hausaufgabenhlife", "Migrazionsberatung", "Frauentref", "Anerkenungsberatung",
	"Sprachcafe", "Elterncafé", "Jobcafe Familien", "Kochtref international", "Beratung"}

// measureOffers times the public directory and its search as anonymous
// visitors, each request from another address (as many people, not one
// script the rate limit would stop): 10,000 offers at the large scale.
func measureOffers(ctx context.Context, app *benchApp, db *postgres.DB, sc benchScale, requests int) ([]pageResult, error) {
	n := 500
	if sc.withWrites {
		n = 10000
	}
	if err := db.EnsureBenchOffers(ctx, benchCountySlug, n); err != nil {
		return nil, err
	}
	pages := []benchPage{
		{name: fmt.Sprintf("Angebotsverzeichnis (%d Angebote)", n), budget: offersDirectoryBudget,
			path: func(i int) string { return fmt.Sprintf("/angebote?seite=%d", 1+i%20) }},
		{name: fmt.Sprintf("Angebotssuche mit Tippfehlern (%d Angebote)", n), budget: offersSearchBudget,
			path: func(i int) string { return "/angebote?q=" + url.QueryEscape(benchSearches[i%len(benchSearches)]) }},
	}
	var out []pageResult
	for _, p := range pages {
		r, err := measurePublicPage(ctx, app, p, requests)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func measurePublicPage(ctx context.Context, app *benchApp, p benchPage, requests int) (pageResult, error) {
	warmUp := max(20, requests/10)
	res := pageResult{name: p.name, budget: p.budget, minQueries: math.MaxInt64}
	latencies := make([]time.Duration, 0, requests)
	for i := range warmUp + requests {
		qctx, count := postgres.CountQueries(ctx)
		req := httptest.NewRequestWithContext(qctx, http.MethodGet, p.path(i), nil)
		req.RemoteAddr = fmt.Sprintf("198.51.100.%d:4000", i%250)
		rec := httptest.NewRecorder()
		start := time.Now()
		app.handler.ServeHTTP(rec, req)
		elapsed := time.Since(start)
		if rec.Code != http.StatusOK {
			return res, fmt.Errorf("GET %s: Status %d statt 200", p.path(i), rec.Code)
		}
		if i < warmUp {
			continue
		}
		latencies = append(latencies, elapsed)
		q := count.N()
		res.minQueries, res.maxQueries = min(res.minQueries, q), max(res.maxQueries, q)
		res.bytes = max(res.bytes, rec.Body.Len())
	}
	res.latency = benchstat.Summarise(latencies)
	return res, nil
}
