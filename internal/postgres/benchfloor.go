package postgres

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
)

// floorPage renders rows as they come, one cell per column, escaped by
// html/template and nothing else.
var floorPage = template.Must(template.New("floor").Parse(`<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Boden</title></head><body>
<table><thead><tr>{{range .Columns}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody></table>
</body></html>`))

// FloorHandler is the bench's floor (cmd/planwerk bench): the least a server
// must do to show a municipality's workspace — run the workspace's own
// statement (workspaceSQL) for ?org=<id> in planID and render its rows as a
// plain table — with net/http, pgx and html/template only: no router, no
// session, no authorization, no translation. The real page is measured
// against it in the same run.
func (db *DB) FloorHandler(planID int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		org, err := strconv.ParseInt(r.URL.Query().Get("org"), 10, 64)
		if err != nil {
			http.Error(w, "org fehlt", http.StatusBadRequest)
			return
		}
		rows, err := db.pool.Query(r.Context(), workspaceSQL, org, planID)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		var page struct {
			Columns []string
			Rows    [][]any
		}
		for _, f := range rows.FieldDescriptions() {
			page.Columns = append(page.Columns, f.Name)
		}
		for rows.Next() {
			values, err := rows.Values()
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			page.Rows = append(page.Rows, values)
		}
		if err := rows.Err(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		var buf bytes.Buffer
		if err := floorPage.Execute(&buf, page); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(buf.Bytes())
	})
}
